// Model objects for /api/models and /api/models/{id}[/revision/{rev}] (hub-api.md
// §2.4-2.5). With `expand`, only _id, id and the asked keys come back.
import type { RepoRow } from "../repos/find-repo";
import { modelOverview } from "../repos/model-overview";
import { lfsPointer } from "../repos/git-objects";
import { recentDownloads } from "../community/download-counts";
import { cardFacets } from "../search/card-facets";
import { securityRepoStatus } from "../scan/scan-status";
import { datasetFacets } from "../datasets/dataset-card";

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

export async function modelJson(
  repo: RepoRow,
  opts: { rev: string; expand: string[] | null; blobs?: boolean; securityStatus?: boolean; recentDownloads?: number },
): Promise<Record<string, unknown>> {
  const [{ revision, files, card }, recent] = await Promise.all([
    modelOverview(repo.id, opts.rev, repo.type),
    opts.recentDownloads ?? recentDownloads([repo.id]).then((m) => m.get(repo.id) ?? 0),
  ]);
  const data = card?.data ?? {};
  const isDataset = repo.type === "dataset";
  const full: Record<string, unknown> = {
    ...listItemJson(repo, recent),
    sha: revision.commitId,
    disabled: false,
    // the revision asked for may not be the indexed default branch: its own card decides
    tags: isDataset ? datasetFacets(data, "", repo.license, files.map((f) => f.path)).tags : cardFacets(data, "", repo.license).tags,
    pipeline_tag: isDataset ? undefined : str(data.pipeline_tag),
    library_name: isDataset ? undefined : str(data.library_name),
    ...(isDataset ? { paperswithcode_id: str(data.paperswithcode_id) ?? null, description: card ? firstParagraph(card.body) : undefined, citation: str(data.citation) } : {}),
    cardData: card ? data : undefined,
    // What the hub could not understand in the card's metadata, with README lines (Modelhub extension).
    cardProblems: card && card.errors.length + card.problems.length ? [...card.errors, ...card.problems] : undefined,
    // From the weights summary of the default branch, when that is the revision asked for.
    safetensors:
      repo.weights?.source === "safetensors" && repo.weights.commit === revision.commitId
        ? { parameters: repo.weights.parameters, total: repo.weights.total }
        : undefined,
    siblings: files.map((f) =>
      opts.blobs
        ? {
            rfilename: f.path,
            size: f.size,
            blobId: f.oid,
            ...(f.lfs ? { lfs: { sha256: f.sha256, size: f.size, pointerSize: Buffer.byteLength(lfsPointer(f.sha256, f.size)) } } : {}),
          }
        : { rfilename: f.path },
    ),
    securityRepoStatus: opts.securityStatus ? await securityRepoStatus(files) : undefined,
  };
  return opts.expand ? projectModel(full, opts.expand) : full;
}

/** A dataset's description as HF gives it: the card's first paragraph of prose. */
function firstParagraph(body: string): string | undefined {
  const para = body.split(/\n\s*\n/).map((p) => p.trim()).find((p) => p && !/^(#|<|\||```|!\[)/.test(p));
  return para ? para.slice(0, 1000) : undefined;
}

/**
 * A list item from the repo row alone (its indexed card facets), no tree or card
 * reads: what lists send without `expand`/`full` (§2.5), at the cost of one row.
 */
export function listItemJson(repo: RepoRow, recent: number): Record<string, unknown> {
  // HF semantics: `downloads` is the last 30 days, `downloadsAllTime` everything.
  const id = `${repo.owner.username}/${repo.name}`;
  return {
    _id: repo.id,
    id,
    ...(repo.type === "dataset" ? {} : { modelId: id }),
    author: repo.owner.username,
    private: repo.private,
    gated: repo.gated ?? false,
    downloads: recent,
    downloadsAllTime: repo.downloads,
    likes: repo.likes,
    trendingScore: Math.round(repo.trending * 100) / 100,
    lastModified: repo.updatedAt.toISOString(),
    createdAt: repo.createdAt.toISOString(),
    tags: repo.tags,
    pipeline_tag: repo.pipelineTag ?? undefined,
    library_name: repo.libraryName ?? undefined,
  };
}

// The catalogue's row cache shares its rows between pages, frozen: their list items are
// serialized once. A page of such rows is then a concatenation of kept bytes, not ~40 KB of
// objects and strings per request, whose collections were the API's p95 tail (bench/search).
// The bytes live as long as their row, off the JS heap: about a third more than the row.
const itemBytes = new WeakMap<RepoRow, { recent: number; bytes: Buffer }>();

/** listItemJson as JSON bytes; kept for rows that can no longer change (frozen). */
export function listItemBytes(repo: RepoRow, recent: number): Buffer {
  const kept = itemBytes.get(repo);
  if (kept?.recent === recent) return kept.bytes;
  const bytes = Buffer.from(JSON.stringify(listItemJson(repo, recent)));
  if (Object.isFrozen(repo)) itemBytes.set(repo, { recent, bytes });
  return bytes;
}

/** `expand` semantics (§2.4): only _id, id and the asked keys. */
export function projectModel(full: Record<string, unknown>, expand: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { _id: full._id, id: full.id };
  for (const k of expand) if (k in full) out[k] = full[k];
  return out;
}

/** `expand` and `expand[]`, repeated or comma-separated; null when absent. */
export function expandParam(params: URLSearchParams): string[] | null {
  const raw = [...params.getAll("expand"), ...params.getAll("expand[]")];
  return raw.length ? raw.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean) : null;
}

export const boolParam = (v: string | null) => v === "true" || v === "1";
