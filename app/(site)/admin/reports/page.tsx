// The moderation queue: open reports grouped by what they target, most reported first.
import { canAdminister } from "@/lib/auth/can";
import Link from "@/components/ui/link";
import { notFound, redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { REPORT_REASONS, reportQueue } from "@/lib/moderation/reports";
import { TargetActions } from "@/components/moderation/admin-forms";
import { timeAgo } from "@/components/ui/format";
import { actOnTargetAction } from "../actions";

export const metadata = { title: "Reports" };

type Props = { searchParams: Promise<{ status?: string }> };

export default async function ReportsPage({ searchParams }: Props) {
  const actor = await sessionActor();
  if (!actor) redirect("/signin?callbackUrl=/admin/reports");
  if (!canAdminister(actor, "view")) notFound();
  const { status: raw } = await searchParams;
  const status = raw === "resolved" || raw === "dismissed" ? raw : "open";
  const items = await reportQueue(actor, status);
  const now = new Date();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-bold">Reports</h1>
        <nav className="flex gap-3 text-sm">
          {(["open", "resolved", "dismissed"] as const).map((s) => (
            <Link key={s} href={s === "open" ? "/admin/reports" : `/admin/reports?status=${s}`} className={s === status ? "font-semibold" : "text-indigo-700 hover:underline"}>{s}</Link>
          ))}
        </nav>
        <Link className="ml-auto text-sm text-indigo-700 hover:underline" href="/admin/audit-log">Audit log</Link>
      </div>
      {items.length === 0 ? <p className="text-sm text-gray-600">No {status} reports.</p> : (
        <ul className="space-y-3" data-testid="report-queue">
          {items.map((it) => (
            <li key={`${it.targetType}:${it.targetId}`} className="space-y-2 rounded-lg border border-gray-200 bg-white p-4" data-testid="report-item">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="rounded bg-gray-100 px-1.5 text-xs">{it.targetType}</span>
                {it.href ? <Link className="font-medium hover:underline" href={it.href}>{it.label}</Link> : <span>{it.label}</span>}
                {it.hidden && <span className="text-xs text-red-700">{it.targetType === "user" ? "suspended" : "hidden"}</span>}
                <span className="ml-auto text-xs text-gray-500">{it.count} report{it.count === 1 ? "" : "s"}: {Object.entries(it.reasons).map(([r, n]) => `${REPORT_REASONS[r as keyof typeof REPORT_REASONS] ?? r} ×${n}`).join(", ")}</span>
              </div>
              <ul className="space-y-1 text-xs text-gray-600">
                {it.reports.slice(0, 5).map((r) => <li key={r.id}>{r.reporter} · {timeAgo(r.createdAt, now)}{r.details && <>: “{r.details}”</>}</li>)}
              </ul>
              {status === "open" && <TargetActions targetType={it.targetType} targetId={it.targetId} hidden={it.hidden} action={actOnTargetAction} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
