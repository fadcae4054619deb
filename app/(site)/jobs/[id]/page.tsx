// One fine-tuning job, live.
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { HubError } from "@/lib/errors";
import { eventsAfter, jobFor } from "@/lib/finetune/jobs";
import { repoPathById } from "@/lib/repos/repo-path";
import { JobLive } from "@/components/finetune/job-live";
import { describeBar, describeVerdict, type Verdict } from "@/lib/finetune/learning-check";

/** The job's result against its baseline, and what to try when it did not learn. */
function VerdictPanel({ verdict: v, published }: { verdict: Verdict; published: boolean }) {
  return (
    <div className={`rounded border p-3 text-sm ${v.learned ? "border-green-300 bg-green-50" : "border-amber-300 bg-amber-50"}`} data-testid="job-verdict">
      <p className="font-medium">
        {v.learned ? "Learned" : "Did not learn"}: {describeVerdict(v)}
        {v.learned ? "." : ` (it needed ${describeBar(v)}).`}
      </p>
      {!v.learned && (
        <>
          <ul className="mt-1 list-disc pl-5">{v.causes.map((c) => <li key={c}>{c}</li>)}</ul>
          <p className="mt-1 text-gray-700">{published ? "Published anyway, as asked." : "Nothing was published. Change the data or the parameters and run it again, or ask to publish anyway."}</p>
        </>
      )}
    </div>
  );
}

type Props = { params: Promise<{ id: string }> };

export const metadata = { title: "Fine-tuning job" };

export default async function JobPage({ params }: Props) {
  const { id } = await params;
  let job;
  try {
    job = await jobFor(await sessionActor(), id);
  } catch (e) {
    if (e instanceof HubError && e.status === 404) notFound();
    throw e;
  }
  const events = (await eventsAfter(job.id, 0n, 5000)).map((e) => ({ id: String(e.id), kind: e.kind, data: { ...(e.data as object), at: e.createdAt.toISOString() } }));
  const output = job.outputRepoId ? await repoPathById(job.outputRepoId) : null;
  const verdict = job.baseline && "learned" in (job.baseline as object) ? (job.baseline as unknown as Verdict) : null;
  const p = job.params as { epochs: number; learningRate: number; batchSize: number; validationSplit: number; seed: number; unfreeze: number };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Fine-tune of <Link className="font-mono text-indigo-700 hover:underline" href={`/${job.baseId}`}>{job.baseId}</Link></h1>
      <p className="text-sm text-gray-600">
        {job.task} · base commit <span className="font-mono">{job.baseCommit.slice(0, 7)}</span> · dataset{" "}
        {job.datasetRepo ? (
          <><Link className="font-mono text-indigo-700 hover:underline" href={`/datasets/${job.datasetRepo}`}>{job.datasetRepo}</Link>/{job.datasetPath} at <span className="font-mono">{job.datasetCommit?.slice(0, 7)}</span></>
        ) : (
          job.datasetName
        )}{" "}
        (<span className="font-mono">{job.datasetSha256.slice(0, 12)}…</span>) ·{" "}
        {p.epochs} epochs, lr {p.learningRate}, batch {p.batchSize}, validation {p.validationSplit}, seed {p.seed}, unfrozen {p.unfreeze} · {job.hardware} · attempt {job.attempts}
      </p>
      {output && (
        <p className="rounded border border-green-300 bg-green-50 p-3 text-sm" data-testid="job-output">
          Published <Link className="font-mono text-indigo-700 hover:underline" href={`/${output}`}>{output}</Link>
        </p>
      )}
      {job.error && <p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800" data-testid="job-error">{job.error}</p>}
      {verdict && <VerdictPanel verdict={verdict} published={!!output} />}
      <JobLive
        job={{ id: job.id, status: job.status, startedAt: job.startedAt?.toISOString() ?? null, finishedAt: job.finishedAt?.toISOString() ?? null, epochs: p.epochs, error: job.error, output, baseline: verdict?.baseline ?? null, metric: job.task === "tabular-regression" ? "mae" : "accuracy" }}
        events={events}
      />
    </div>
  );
}
