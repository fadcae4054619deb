// Every moderation action, newest first (site admins only).
import { canAdminister } from "@/lib/auth/can";
import Link from "@/components/ui/link";
import { notFound, redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { auditLog } from "@/lib/moderation/audit-log";

export const metadata = { title: "Audit log" };

type Props = { searchParams: Promise<{ before?: string }> };

export default async function AuditLogPage({ searchParams }: Props) {
  const actor = await sessionActor();
  if (!actor) redirect("/signin?callbackUrl=/admin/audit-log");
  if (!canAdminister(actor, "view")) notFound();
  const { before } = await searchParams;
  const rows = await auditLog({ take: 100, before });
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-4">
        <h1 className="text-2xl font-bold">Audit log</h1>
        <Link className="ml-auto text-sm text-indigo-700 hover:underline" href="/admin/reports">Reports</Link>
      </div>
      <table className="w-full rounded-lg border border-gray-200 bg-white text-sm" data-testid="audit-log">
        <thead className="bg-gray-50 text-left text-xs text-gray-600">
          <tr><th className="px-3 py-2">When (UTC)</th><th className="px-3 py-2">Who</th><th className="px-3 py-2">Action</th><th className="px-3 py-2">Target</th><th className="px-3 py-2">Reason</th></tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="px-3 py-1.5 font-mono text-xs">{r.createdAt.toISOString().slice(0, 19).replace("T", " ")}</td>
              <td className="px-3 py-1.5">{r.actor ?? "deleted"}</td>
              <td className="px-3 py-1.5 font-medium">{r.action}</td>
              <td className="px-3 py-1.5">{r.targetType}{r.repo ? ` in ${r.repo}` : ""}{typeof r.data.num === "number" ? ` #${r.data.num}` : ""}{typeof r.data.username === "string" ? ` ${r.data.username}` : ""}</td>
              <td className="px-3 py-1.5 text-gray-600">{r.reason ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 100 && <Link className="text-sm text-indigo-700 hover:underline" href={`/admin/audit-log?before=${rows[rows.length - 1]!.id}`}>Older entries</Link>}
    </div>
  );
}
