// After a commit to the default branch, the repo's weight summary (parameters,
// bytes) is recomputed by a job; the job reads the branch head when it runs.
import { enqueueJob } from "../jobs/queue";
import type { DbTx } from "../repos/tree-entries";

export const DEFAULT_BRANCH = "main";

export async function queueRevisionAnalysis(tx: DbTx, repoId: string, branch: string): Promise<void> {
  if (branch !== DEFAULT_BRANCH) return;
  await enqueueJob("analyze-revision", { repoId }, { jobKey: `analyze:${repoId}` }, tx);
}
