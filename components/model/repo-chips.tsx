// What a repo is, at a glance under its name: task, library, languages, the card's other
// tags and, on the card page, its datasets. Each chip opens the catalogue filtered
// by it, as on the hubs people know.
import Link from "@/components/ui/link";
import type { RepoRow } from "@/lib/repos/find-repo";

const MAX_TAGS = 12;

const names = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/** "English" for "en"; undefined for a code the runtime does not know. */
function languageName(code: string): string | undefined {
  try {
    return names.of(code);
  } catch {
    return undefined; // not a well-formed language tag
  }
}

export function RepoChips({ repo, datasets = [] }: { repo: RepoRow; datasets?: { id: string; onHub: boolean }[] }) {
  const list = repo.type === "dataset" ? "/datasets" : "/models";
  // the tag list repeats the task, the library and the license (license:<id>): shown once, as their own chips
  // (and its languages, which get chips of their own)
  const languages = new Set(repo.languages);
  const own = repo.tags.filter((t) => t !== repo.pipelineTag && t !== repo.libraryName && !languages.has(t) && !t.includes(":"));
  const shown = own.slice(0, MAX_TAGS);
  const chip = "rounded-full border px-2 py-0.5 text-xs hover:border-indigo-400 hover:text-indigo-800";
  if (!repo.pipelineTag && !repo.libraryName && !languages.size && !own.length && !datasets.length) return null;
  return (
    <div className="flex flex-wrap items-center gap-1.5" data-testid="repo-chips">
      {repo.pipelineTag && <Link className={`${chip} border-indigo-200 bg-indigo-50 text-indigo-800`} href={`${list}?task=${encodeURIComponent(repo.pipelineTag)}`} data-chip="task">{repo.pipelineTag}</Link>}
      {repo.libraryName && <Link className={`${chip} border-emerald-200 bg-emerald-50 text-emerald-800`} href={`${list}?library=${encodeURIComponent(repo.libraryName)}`} data-chip="library">{repo.libraryName}</Link>}
      {[...languages].map((l) => (
        <Link key={`language:${l}`} className={`${chip} border-purple-200 bg-purple-50 text-purple-800`} href={`${list}?language=${encodeURIComponent(l)}`} data-chip="language" title={languageName(l)}>
          {languageName(l) ?? l}
        </Link>
      ))}
      {shown.map((t) => (
        <Link key={t} className={`${chip} border-gray-200 bg-white text-gray-700`} href={`${list}?tag=${encodeURIComponent(t)}`} data-chip="tag">{t}</Link>
      ))}
      {own.length > shown.length && <span className="text-xs text-gray-500">+{own.length - shown.length} more</span>}
      {datasets.map((d) =>
        d.onHub ? (
          <Link key={d.id} className={`${chip} border-amber-200 bg-amber-50 text-amber-900`} href={`/datasets/${d.id}`} data-chip="dataset">▤ {d.id}</Link>
        ) : (
          <span key={d.id} className="rounded-full border border-amber-200 bg-amber-50 px-2 py-0.5 text-xs text-amber-900" title="Not a dataset on this hub" data-chip="dataset">▤ {d.id}</span>
        ),
      )}
    </div>
  );
}
