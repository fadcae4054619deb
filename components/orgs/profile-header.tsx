import Link from "@/components/ui/link";
import type { ActivityItem } from "@/lib/community/follows";
import { timeAgo } from "@/components/ui/format";

type Stats = { followers: number; following: number; followedByViewer: boolean };

export function FollowBar({ user, stats, canFollow, action }: { user: string; stats: Stats; canFollow: boolean; action: (f: FormData) => Promise<void> }) {
  return (
    <div className="flex items-center gap-3 text-sm text-gray-600" data-testid="follow-bar">
      <span>{stats.followers} follower{stats.followers === 1 ? "" : "s"}</span>
      <span>{stats.following} following</span>
      {canFollow && (
        <form action={action}>
          <input type="hidden" name="user" value={user} />
          <input type="hidden" name="follow" value={stats.followedByViewer ? "0" : "1"} />
          <button className="rounded-full border border-gray-300 px-3 py-0.5 text-xs font-medium text-gray-800 hover:bg-gray-50" type="submit">
            {stats.followedByViewer ? "Unfollow" : "Follow"}
          </button>
        </form>
      )}
    </div>
  );
}

const VERB = { commit: "committed to", create: "created", like: "liked", fork: "forked into" } as const;

export function ActivityList({ items }: { items: ActivityItem[] }) {
  if (!items.length) return <p className="text-sm text-gray-600">No public activity yet.</p>;
  const now = new Date();
  return (
    <ul className="space-y-1 text-sm" data-testid="activity">
      {items.map((a, i) => (
        <li key={i}>
          {VERB[a.kind]} <Link className="font-mono text-indigo-700 hover:underline" href={`/${a.repo}`}>{a.repo}</Link>
          {a.kind === "commit" && a.title && (
            <> · <Link className="hover:underline" href={`/${a.repo}/commit/${a.commitId}`}>{a.title}</Link></>
          )}
          <span className="text-xs text-gray-500"> · {timeAgo(a.at, now)}</span>
        </li>
      ))}
    </ul>
  );
}
