// The header every page of a repo shares: owner/name, its badges, the like button and
// the license. The card page adds its own actions in the same row (children).
import Link from "@/components/ui/link";
import { LikeButton } from "@/components/model/like-button";
import type { Actor } from "@/lib/auth/actor";
import { hasLiked } from "@/lib/community/likes";
import { findLicense } from "@/lib/licenses/catalog";
import type { RepoRow } from "@/lib/repos/find-repo";
import { repoBase } from "@/lib/repos/repo-type";
import { toggleLikeAction } from "./like-actions";
import { RepoChips } from "@/components/model/repo-chips";

type Props = {
  repo: RepoRow;
  actor: Actor | null;
  /** The card's license when the page has read it. */
  license?: string | null;
  /** The card's datasets when the page has read it (the card page). */
  datasets?: { id: string; onHub: boolean }[];
  children?: React.ReactNode;
};

export async function RepoHeader({ repo, actor, license = repo.license, datasets, children }: Props) {
  const owner = repo.owner.username;
  const liked = await hasLiked(actor?.userId ?? null, repo.id);
  const info = license ? findLicense(license) : undefined;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3" data-testid="repo-header">
        <h1 className="min-w-0 break-all font-mono text-2xl font-bold">
          <Link href={`/${owner}`} className="text-gray-600 hover:underline">{owner}</Link>/
          <Link href={repoBase(repo)} className="hover:underline">{repo.name}</Link>
        </h1>
        {repo.type === "dataset" && <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900" data-testid="dataset-badge">Dataset</span>}
        {repo.private && <span className="rounded border border-gray-300 px-2 py-0.5 text-xs text-gray-600">private</span>}
        {repo.hiddenAt && <span className="rounded bg-red-100 px-2 py-0.5 text-xs text-red-800" data-testid="hidden-repo">hidden by moderators</span>}
        <LikeButton owner={owner} repo={repo.name} liked={liked} likes={repo.likes} signedIn={!!actor} action={toggleLikeAction} />
        {license && (
          <span className="rounded-full bg-gray-100 px-2 py-0.5 text-xs" data-testid="license">
            ⚖ {info?.name ?? license}
          </span>
        )}
        {children}
      </div>
      <RepoChips repo={repo} datasets={datasets} />
    </div>
  );
}
