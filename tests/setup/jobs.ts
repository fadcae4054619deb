// Runs every queued job to completion in this process (graphile-worker's runOnce).
import { runOnce } from "graphile-worker";
import { taskList } from "../../lib/jobs/tasks";
import { quietLogger } from "../../lib/jobs/queue";

export async function drainJobs(): Promise<void> {
  await runOnce({ connectionString: process.env.DATABASE_URL!, taskList, logger: quietLogger(), forbiddenFlags: ["gpu"] });
}
