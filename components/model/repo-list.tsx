import type { RepoRow } from "@/lib/repos/find-repo";
import { formatBytes, formatCount, formatParams, timeAgo } from "@/components/ui/format";
import { licenseSummary } from "@/lib/licenses/terms";

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
              {r.pipelineTag && <span data-testid="task">▸ {r.pipelineTag}</span>}
              {r.license && <span title={licenseSummary(r.license) ?? undefined}>⚖ {r.license}{licenseShort(r.license)}</span>}
              {r.parameters !== null && <span title={`${r.parameters.toLocaleString("en-US")} parameters`}>◆ {formatParams(r.parameters)} params{r.weightBytes !== null ? ` · ${formatBytes(r.weightBytes)}` : ""}</span>}
              <span>↓ {formatCount(r.downloads)}</span>
              <span>♥ {formatCount(r.likes)}</span>
              <span>updated {timeAgo(r.updatedAt, now)}</span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** "(non-commercial)", "(share-alike)", "(no derivatives)": the restriction that matters most in a list. */
function licenseShort(id: string): string {
  const s = licenseSummary(id);
  if (!s) return "";
  if (s.includes("no commercial")) return " (non-commercial)";
  if (s.includes("no derivatives")) return " (no derivatives)";
  if (s.includes("same license")) return " (share-alike)";
  return "";
}
