import Link from "@/components/ui/link";
import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { pendingInvites } from "@/lib/orgs/orgs";
import { buttonClass, secondaryButtonClass } from "@/components/ui/button-styles";
import { answerInviteAction } from "../../organizations/actions";

export const metadata = { title: "Organizations" };

export default async function OrgSettingsPage() {
  const actor = await sessionActor();
  if (!actor) redirect("/signin?callbackUrl=/settings/organizations");
  const invites = await pendingInvites(actor.userId);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Organizations</h1>
      {invites.length > 0 && (
        <section className="space-y-2" data-testid="invitations">
          <h2 className="font-semibold">Invitations</h2>
          {invites.map((i) => (
            <div key={i.id} className="flex items-center gap-3 rounded border border-gray-200 bg-white p-3 text-sm">
              <span><strong>{i.org}</strong> invites you as <em>{i.role}</em> (from {i.invitedBy})</span>
              <form action={answerInviteAction} className="ml-auto flex gap-2">
                <input type="hidden" name="invite" value={i.id} />
                <button className={buttonClass} name="accept" value="1">Accept</button>
                <button className={secondaryButtonClass} name="accept" value="0">Decline</button>
              </form>
            </div>
          ))}
        </section>
      )}
      <section className="space-y-2">
        <h2 className="font-semibold">Your organizations</h2>
        {(actor.orgs ?? []).length === 0 ? <p className="text-sm text-gray-600">None yet.</p> : (
          <ul className="text-sm">{actor.orgs!.map((o) => <li key={o.id}><Link className="text-indigo-700 hover:underline" href={`/${o.name}`}>{o.name}</Link> · {o.role}</li>)}</ul>
        )}
        <Link className={secondaryButtonClass} href="/organizations/new">New organization</Link>
      </section>
    </div>
  );
}
