// Your fine-tuning jobs.
import Link from "@/components/ui/link";
import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { listJobs } from "@/lib/finetune/jobs";
import { timeAgo } from "@/components/ui/format";

export const metadata = { title: "Jobs" };

export default async function JobsPage() {
  const actor = await sessionActor();
  if (!actor) redirect("/signin?callbackUrl=/jobs");
  const jobs = await listJobs(actor);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Fine-tuning jobs</h1>
      {jobs.length === 0 ? (
        <p className="text-sm text-gray-600">No jobs yet: open a TF.js model and choose “Fine-tune”.</p>
      ) : (
        <table className="w-full rounded-lg border border-gray-200 bg-white text-sm" data-testid="jobs">
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id} className="border-b border-gray-100">
                <td className="px-3 py-2"><Link className="text-indigo-700 hover:underline" href={`/jobs/${j.id}`}>{j.outputName}</Link></td>
                <td className="px-3 py-2 font-mono text-xs">{j.baseId}</td>
                <td className="px-3 py-2">{j.status}</td>
                <td className="px-3 py-2 text-gray-500">{timeAgo(j.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
