import type { RepoRow } from "@/lib/repos/find-repo";
import { repoBase } from "@/lib/repos/repo-type";
import { formatBytes, formatCount, formatParams, timeAgo } from "@/components/ui/format";
import { licenseSummary } from "@/lib/licenses/terms";

// A dense list, one line per repo (id, task, size, license, updated, downloads, likes), as
// on the hubs people know. Plain links and CSS classes: it renders 30 times per catalogue page.
/** `empty`: what to say (and what to do next) when there is nothing to list. */
export function RepoList({ repos, kind = "models", empty }: { repos: RepoRow[]; kind?: "models" | "datasets" | "repositories"; empty?: React.ReactNode }) {
  if (!repos.length) return <p className="rounded-lg border border-dashed border-gray-300 bg-white p-4 text-sm text-gray-600" data-testid="empty-state">{empty ?? `No ${kind} found.`}</p>;
  const now = new Date();
  return (
    <ul className="divide-y divide-gray-100 overflow-hidden rounded-lg border border-gray-200 bg-white" data-testid="repo-list">
      {repos.map((r) => {
        const task = r.type === "dataset" ? tagValue(r.tags, "task_categories") : r.pipelineTag;
        const size = r.type === "dataset" ? tagValue(r.tags, "size_categories") : null;
        return (
          <li key={r.id}>
            <a href={repoBase(r)} className="repo-row">
              <span className="repo-row-id">
                {r.type === "dataset" && <span className="mr-1 text-amber-700" title="Dataset">▤</span>}
                <span className="font-normal text-gray-600">{r.owner.username}/</span>{r.name}
              </span>
              {r.private && <span className="badge">private</span>}
              <span className="repo-row-meta">
                {task && <span data-testid="task">▸ {task}</span>}
                {size && <span title="Rows">▦ {size}</span>}
                {r.parameters !== null && <span title={`${r.parameters.toLocaleString("en-US")} parameters`}>◆ {formatParams(r.parameters)} params{r.weightBytes !== null ? ` · ${formatBytes(r.weightBytes)}` : ""}</span>}
                {r.license && <span title={licenseSummary(r.license) ?? undefined}>⚖ {r.license}{licenseShort(r.license)}</span>}
                <span>updated {timeAgo(r.updatedAt, now)}</span>
                <span title="Downloads">↓ {formatCount(r.downloads)}</span>
                <span title="Likes">♥ {formatCount(r.likes)}</span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/** The first value of a prefixed tag (task_categories:…), as datasets carry their facets. */
function tagValue(tags: string[], prefix: string): string | null {
  const t = tags.find((x) => x.startsWith(`${prefix}:`));
  return t ? t.slice(prefix.length + 1) : null;
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
