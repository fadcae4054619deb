// How much storage your namespace and your organizations use, against the hub's quotas.
import { redirect } from "next/navigation";
import { formatBytes } from "@/components/ui/format";
import { sessionActor } from "@/lib/auth/current-actor";
import { storageOverview } from "@/lib/quotas/storage-use";

export const metadata = { title: "Storage" };

export default async function StoragePage() {
  const actor = await sessionActor();
  if (!actor) redirect("/signin?callbackUrl=/settings/storage");
  const rows = await storageOverview(actor);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div>
        <h1 className="text-2xl font-bold">Storage</h1>
        <p className="mt-1 text-sm text-gray-600">
          A namespace uses the files in the history of its repos (every branch, tag and pull request), each content counted once. A fork
          costs nothing until it adds files of its own. A file deleted in a later commit still counts while history names it; deleting a
          repo frees its share at once.
        </p>
      </div>
      <ul className="space-y-3" data-testid="storage-use">
        {rows.map((r) => {
          const share = r.quota ? Math.min(1, r.used / r.quota) : 0;
          return (
            <li key={r.namespace} className="rounded-lg border border-gray-200 bg-white p-4">
              <div className="flex items-baseline justify-between gap-4">
                <span className="font-medium">{r.namespace}{r.isOrg ? <span className="ml-2 text-xs text-gray-500">organization</span> : null}</span>
                <span className="text-sm text-gray-700">
                  {formatBytes(r.used)} {r.quota ? `of ${formatBytes(r.quota)}` : "used (no quota on this hub)"}
                </span>
              </div>
              {r.quota ? (
                <div className="mt-2 h-2 overflow-hidden rounded bg-gray-100" role="meter" aria-label={`${r.namespace} storage`} aria-valuemin={0} aria-valuemax={r.quota} aria-valuenow={r.used}>
                  <div className={`h-full ${share > 0.9 ? "bg-red-500" : "bg-indigo-500"}`} style={{ width: `${(share * 100).toFixed(1)}%` }} />
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
