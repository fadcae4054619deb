import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { can, canAdminister } from "@/lib/auth/can";
import { sessionActor } from "@/lib/auth/current-actor";
import { findUserByUsername } from "@/lib/auth/users";
import { userSuspension } from "@/lib/moderation/admin";
import { ReportButton } from "@/components/moderation/report-button";
import { SuspendForm } from "@/components/moderation/admin-forms";
import { reportAction } from "./[repo]/discussions/actions";
import { suspendAction } from "@/app/(site)/admin/actions";
import { likedRepoIds } from "@/lib/community/likes";
import { orgMembers } from "@/lib/orgs/orgs";
import { listRepos } from "@/lib/repos/list-repos";
import { RepoList } from "@/components/model/repo-list";
import { InviteForm } from "@/components/orgs/org-forms";
import { ActivityList, FollowBar } from "@/components/orgs/profile-header";
import { followStats, userActivity } from "@/lib/community/follows";
import { followAction } from "./follow-actions";
import { inviteAction, memberAction } from "../(site)/organizations/actions";

type Props = { params: Promise<{ owner: string }> };

export default async function ProfilePage({ params }: Props) {
  const { owner } = await params;
  const user = await findUserByUsername(owner);
  if (!user) notFound();
  const actor = await sessionActor();
  const [{ repos }, { repos: datasets }, stats] = await Promise.all([
    listRepos({ actor, owner, limit: 100 }),
    listRepos({ actor, owner, limit: 100, type: "dataset" }),
    followStats(user.id, actor?.userId ?? null),
  ]);
  const datasetList = datasets.length > 0 && (
    <>
      <h2 className="text-lg font-semibold">Datasets</h2>
      <div data-testid="profile-datasets"><RepoList repos={datasets} kind="datasets" /></div>
    </>
  );
  const follow = <FollowBar user={user.username} stats={stats} canFollow={!!actor && actor.userId !== user.id} action={followAction} />;
  if (user.isOrg) {
    const { members, invites } = await orgMembers(user.id);
    const admin = can(actor, "manage", { org: user.id });
    const mine = members.find((m) => m.userId === actor?.userId);
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{user.username} <span className="badge align-middle text-sm font-normal">organization</span></h1>
        {follow}
        <h2 className="text-lg font-semibold">Models</h2>
        <RepoList repos={repos} empty={admin ? <>No models yet: <Link className="text-indigo-700 hover:underline" href="/new">create one</Link> and choose {user.username} as its owner.</> : `${user.username} has not published a model yet.`} />
        {datasetList}
        <h2 className="text-lg font-semibold">Members</h2>
        <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white text-sm" data-testid="members">
          {members.map((m) => (
            <li key={m.userId} className="flex items-center gap-3 px-3 py-2">
              <a className="font-medium hover:underline" href={`/${m.username}`}>{m.username}</a>
              {admin ? (
                <form action={memberAction} className="ml-auto flex gap-2">
                  <input type="hidden" name="org" value={user.username} />
                  <input type="hidden" name="userId" value={m.userId} />
                  <select name="role" defaultValue={m.role} aria-label={`Role of ${m.username}`} className="rounded border border-gray-300 px-1 text-xs">
                    <option value="admin">admin</option><option value="write">write</option><option value="read">read</option><option value="remove">remove</option>
                  </select>
                  <button className="text-xs text-indigo-700 hover:underline" type="submit">Save</button>
                </form>
              ) : (
                <span className="ml-auto text-xs text-gray-500">{m.role}</span>
              )}
            </li>
          ))}
        </ul>
        {admin && (
          <>
            {invites.length > 0 && <p className="text-xs text-gray-500">Invited: {invites.map((i) => `${i.username} (${i.role})`).join(", ")}</p>}
            <InviteForm org={user.username} action={inviteAction} />
          </>
        )}
        {mine && !admin && (
          <form action={memberAction}>
            <input type="hidden" name="org" value={user.username} />
            <input type="hidden" name="userId" value={mine.userId} />
            <button className="text-xs text-red-700 hover:underline" name="role" value="remove">Leave {user.username}</button>
          </form>
        )}
      </div>
    );
  }
  const [liked, activity, suspension] = await Promise.all([
    likedRepoIds(user.id).then((ids) => listRepos({ actor, ids, limit: 100, sort: "likes", type: "any" })),
    userActivity(user.id, actor),
    userSuspension(user.id),
  ]);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{user.username}</h1>
        {suspension && <span className="rounded bg-red-100 px-1.5 text-xs text-red-800" data-testid="suspended">suspended</span>}
        {actor && actor.userId !== user.id && <span className="ml-auto"><ReportButton target={{ targetType: "user", username: user.username }} action={reportAction} label="Report user" /></span>}
      </div>
      {canAdminister(actor, "act") && actor!.userId !== user.id && <SuspendForm userId={user.id} username={user.username} suspended={!!suspension} action={suspendAction} />}
      {follow}
      <h2 className="text-lg font-semibold">Models</h2>
      <RepoList
        repos={repos}
        empty={
          actor?.userId === user.id ? (
            <>You have no models yet: <Link className="text-indigo-700 hover:underline" href="/new">create one</Link> and upload its files, or push one with git or huggingface_hub (README has the commands).</>
          ) : (
            `${user.username} has not published a model${actor ? " you can see" : ""} yet.`
          )
        }
      />
      {datasetList}
      <h2 className="text-lg font-semibold">Likes</h2>
      <div data-testid="liked">
        <RepoList repos={liked.repos} kind="repositories" empty={actor?.userId === user.id ? "Nothing liked yet: the ♥ on a model or dataset page keeps it here." : `${user.username} has not liked anything yet.`} />
      </div>
      <h2 className="text-lg font-semibold">Activity</h2>
      <ActivityList items={activity} />
    </div>
  );
}
