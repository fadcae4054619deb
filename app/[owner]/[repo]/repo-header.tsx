import Link from "@/components/ui/link";
import type { RepoRow } from "@/lib/repos/find-repo";

export function RepoHeader({ repo }: { repo: RepoRow }) {
  return (
    <h1 className="font-mono text-2xl font-bold">
      <Link href={`/${repo.owner.username}`} className="text-gray-600 hover:underline">{repo.owner.username}</Link>/
      <Link href={`/${repo.owner.username}/${repo.name}`} className="hover:underline">{repo.name}</Link>
      {repo.private && <span className="badge ml-3 align-middle font-sans">private</span>}
      {repo.hiddenAt && <span className="ml-3 rounded bg-red-100 px-1.5 align-middle font-sans text-xs text-red-800" data-testid="hidden-repo">hidden by moderators</span>}
    </h1>
  );
}
