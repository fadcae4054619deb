// The operator's overview (site admins): storage used, workers, the job queue and recent failures.
import Link from "@/components/ui/link";
import { notFound, redirect } from "next/navigation";
import { formatBytes, timeAgo } from "@/components/ui/format";
import { canAdminister } from "@/lib/auth/can";
import { sessionActor } from "@/lib/auth/current-actor";
import { hubOverview } from "@/lib/moderation/hub-overview";

export const metadata = { title: "Hub overview" };

const cell = "px-3 py-2";
const section = "overflow-hidden rounded-lg border border-gray-200 bg-white";

export default async function AdminPage() {
  const actor = await sessionActor();
  if (!actor) redirect("/signin?callbackUrl=/admin");
  if (!canAdminister(actor, "view")) notFound();
  const o = await hubOverview(actor);
  const now = new Date();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-bold">Hub overview</h1>
        <nav className="ml-auto flex gap-4 text-sm text-indigo-700">
          <Link className="hover:underline" href="/admin/reports">Reports</Link>
          <Link className="hover:underline" href="/admin/audit-log">Audit log</Link>
          <Link className="hover:underline" href="/admin/sign-ins">Sign-ins</Link>
        </nav>
      </div>

      <section className={`${section} p-4`} data-testid="admin-storage">
        <h2 className="font-semibold">Storage</h2>
        <p className="mt-1 text-sm text-gray-700">
          {formatBytes(o.storage.bytes)} in {o.storage.files.toLocaleString("en-US")} stored files ({o.storage.driver === "s3" ? "S3 bucket" : "local disk"}).
        </p>
        <p className="text-sm text-gray-600">
          {o.storage.unreferencedFiles
            ? `${formatBytes(o.storage.unreferencedBytes)} in ${o.storage.unreferencedFiles} file(s) no commit names any more: removed ${o.storage.graceHours} h after they became unused.`
            : "Every stored file is named by a commit or a job."}
        </p>
      </section>

      <section className={section} data-testid="admin-workers">
        <h2 className="px-4 pt-3 font-semibold">Workers</h2>
        <table className="mt-2 w-full text-sm">
          <thead className="bg-gray-50 text-left text-gray-600">
            <tr><th className={cell}>Worker</th><th className={cell}>Hardware</th><th className={cell}>Started</th><th className={cell}>Last heartbeat</th><th className={cell}>State</th></tr>
          </thead>
          <tbody>
            {o.workers.length === 0 && <tr><td className={`${cell} text-gray-500`} colSpan={5}>No worker is running: jobs wait in the queue.</td></tr>}
            {o.workers.map((w) => (
              <tr key={w.id} className="border-t border-gray-100">
                <td className={`${cell} font-mono text-xs`}>{w.id}</td>
                <td className={cell}>{w.cores ? `${w.cores} cores` : ""}{w.gpu ? `, ${w.gpu}` : ", no GPU"}</td>
                <td className={cell}>{timeAgo(w.startedAt, now)}</td>
                <td className={cell}>{timeAgo(w.lastSeenAt, now)}</td>
                <td className={cell}>{w.alive ? <span className="text-green-700">alive</span> : <span className="text-red-700">silent (its jobs are released)</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className={section} data-testid="admin-queue">
        <h2 className="px-4 pt-3 font-semibold">Job queue</h2>
        <table className="mt-2 w-full text-sm">
          <thead className="bg-gray-50 text-left text-gray-600">
            <tr><th className={cell}>Task</th><th className={cell}>Queued</th><th className={cell}>Running</th><th className={cell}>Out of attempts</th></tr>
          </thead>
          <tbody>
            {o.queue.length === 0 && <tr><td className={`${cell} text-gray-500`} colSpan={4}>The queue is empty.</td></tr>}
            {o.queue.map((q) => (
              <tr key={q.task} className="border-t border-gray-100">
                <td className={`${cell} font-mono text-xs`}>{q.task}</td><td className={cell}>{q.queued}</td><td className={cell}>{q.running}</td><td className={cell}>{q.failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className={section} data-testid="admin-failures">
        <h2 className="px-4 pt-3 font-semibold">Recent failures</h2>
        <ul className="mt-2 divide-y divide-gray-100 text-sm">
          {o.failures.length === 0 && o.fineTuneFailures.length === 0 && <li className="px-4 py-3 text-gray-500">Nothing failed lately.</li>}
          {o.failures.map((f) => (
            <li key={`q${f.id}`} className="px-4 py-2">
              <span className="font-mono text-xs">{f.task}</span> · attempt {f.attempts} of {f.maxAttempts}
              {f.gaveUp ? <span className="text-red-700"> · gave up</span> : " · will retry"} · {timeAgo(f.at, now)}
              <div className="text-gray-600">{f.lastError}</div>
            </li>
          ))}
          {o.fineTuneFailures.map((j) => (
            <li key={`f${j.id}`} className="px-4 py-2">
              <Link className="text-indigo-700 hover:underline" href={`/jobs/${j.id}`}>Fine-tune of {j.baseId} → {j.outputName}</Link>
              {j.finishedAt ? ` · ${timeAgo(j.finishedAt, now)}` : ""}
              <div className="text-gray-600">{j.error}</div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
