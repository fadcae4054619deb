import { notFound } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { findUserByUsername } from "@/lib/auth/users";
import { listRepos } from "@/lib/repos/list-repos";
import { RepoList } from "@/components/model/repo-list";

type Props = { params: Promise<{ owner: string }> };

export default async function ProfilePage({ params }: Props) {
  const { owner } = await params;
  const user = await findUserByUsername(owner);
  if (!user) notFound();
  const { repos } = await listRepos({ actor: await sessionActor(), owner, limit: 100 });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{user.username}</h1>
      <h2 className="text-lg font-semibold">Models</h2>
      <RepoList repos={repos} />
    </div>
  );
}
