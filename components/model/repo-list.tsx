import type { RepoRow } from "@/lib/repos/find-repo";
import { formatCount, timeAgo } from "@/components/ui/format";

// Plain links and CSS classes: this list renders 30 times per catalogue page.
export function RepoList({ repos }: { repos: RepoRow[] }) {
  if (!repos.length) return <p className="text-sm text-gray-600">No models found.</p>;
  const now = new Date();
  return (
    <ul className="grid gap-3 sm:grid-cols-2" data-testid="repo-list">
      {repos.map((r) => (
        <li key={r.id}>
          <a href={`/${r.owner.username}/${r.name}`} className="repo-card">
            <span className="repo-card-title">
              {r.owner.username}/{r.name}
            </span>
            {r.private && <span className="badge ml-2">private</span>}
            <span className="repo-card-meta">
              {r.license && <span>⚖ {r.license}</span>}
              <span>↓ {formatCount(r.downloads)}</span>
              <span>updated {timeAgo(r.updatedAt, now)}</span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
