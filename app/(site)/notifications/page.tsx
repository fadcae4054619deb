// The inbox: mentions, replies and discussions on your models, gated-access requests and
// decisions, and invitations to organizations.
import Link from "@/components/ui/link";
import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { inbox, notificationTarget, type NotificationKind } from "@/lib/community/notifications";
import { timeAgo } from "@/components/ui/format";
import { markReadAction } from "./actions";

export const metadata = { title: "Notifications" };

const WHAT: Record<NotificationKind, string> = {
  discussion: "opened a discussion on",
  comment: "commented on",
  mention: "mentioned you in",
  pull_request: "opened a pull request on",
  merged: "merged a pull request on",
  access_request: "asked for access to",
  access_accepted: "accepted your access request to",
  access_rejected: "rejected your access request to",
  org_invite: "invited you to join",
};

export default async function NotificationsPage() {
  const actor = await sessionActor();
  if (!actor) redirect("/signin?callbackUrl=/notifications");
  const items = await inbox(actor.userId);
  const now = new Date();
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <h1 className="text-2xl font-bold">Notifications</h1>
        {items.some((i) => !i.readAt) && (
          <form action={markReadAction} className="ml-auto"><button className="text-sm text-indigo-700 hover:underline">Mark all as read</button></form>
        )}
      </div>
      {items.length === 0 ? <p className="rounded-lg border border-dashed border-gray-300 bg-white p-4 text-sm text-gray-600" data-testid="empty-state">Nothing yet. You hear here about comments and pull requests on your repos, mentions of your name, access requests to your gated models and invitations to organizations.</p> : (
        <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white text-sm" data-testid="inbox">
          {items.map((n) => (
            <li key={n.id} data-kind={n.kind} className={`flex items-center gap-2 px-4 py-2 ${n.readAt ? "text-gray-500" : "font-medium"}`}>
              <span>{n.byName ?? "someone"} {WHAT[n.kind]}</span>{" "}
              {/* through /notifications/open: following it marks it read */}
              <Link className="text-indigo-700 hover:underline" href={`/notifications/open/${n.id}`}>{notificationTarget(n.kind, n.data).text}</Link>
              <span className="ml-auto text-xs text-gray-500">{timeAgo(n.createdAt, now)}</span>
              {!n.readAt && (
                <form action={markReadAction}><input type="hidden" name="id" value={n.id} /><button className="text-xs text-indigo-700 hover:underline">read</button></form>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
