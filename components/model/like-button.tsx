import Link from "@/components/ui/link";
import { formatCount } from "@/components/ui/format";

type Props = { owner: string; repo: string; liked: boolean; likes: number; signedIn: boolean; action: (form: FormData) => Promise<void> };

/** A plain form: works without JavaScript, and the count re-renders with the page. */
export function LikeButton({ owner, repo, liked, likes, signedIn, action }: Props) {
  const cls = "inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs";
  if (!signedIn) {
    return <Link className={`${cls} border-gray-300 text-gray-600`} href={`/signin?callbackUrl=/${owner}/${repo}`} title="Sign in to like" data-testid="likes">♡ {formatCount(likes)}</Link>;
  }
  return (
    <form action={action}>
      <input type="hidden" name="owner" value={owner} />
      <input type="hidden" name="repo" value={repo} />
      <input type="hidden" name="like" value={liked ? "0" : "1"} />
      <button type="submit" className={`${cls} ${liked ? "border-pink-300 bg-pink-50 text-pink-700" : "border-gray-300 text-gray-700"}`} aria-pressed={liked} data-testid="likes">
        {liked ? "♥" : "♡"} {liked ? "Liked" : "Like"} · {formatCount(likes)}
      </button>
    </form>
  );
}
