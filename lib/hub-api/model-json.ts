// Model objects for /api/models and /api/models/{id}[/revision/{rev}] (hub-api.md
// §2.4-2.5). With `expand`, only _id, id and the asked keys come back.
import type { RepoRow } from "../repos/find-repo";
import { modelOverview } from "../repos/model-overview";
import { lfsPointer } from "../repos/git-objects";

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

function tagsOf(card: Record<string, unknown>, license: string | null): string[] {
  const tags = new Set<string>();
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []);
  for (const t of list(card.tags)) tags.add(t);
  const lib = str(card.library_name);
  if (lib) tags.add(lib);
  const task = str(card.pipeline_tag);
  if (task) tags.add(task);
  for (const l of list(card.language)) tags.add(l);
  const lic = str(card.license) ?? license;
  if (lic) tags.add(`license:${lic}`);
  return [...tags];
}

export async function modelJson(
  repo: RepoRow,
  opts: { rev: string; expand: string[] | null; blobs?: boolean },
): Promise<Record<string, unknown>> {
  const { revision, files, card } = await modelOverview(repo.id, opts.rev);
  const data = card?.data ?? {};
  const full: Record<string, unknown> = {
    _id: repo.id,
    id: `${repo.owner.username}/${repo.name}`,
    author: repo.owner.username,
    sha: revision.commitId,
    private: repo.private,
    gated: false,
    disabled: false,
    downloads: repo.downloads,
    likes: 0,
    lastModified: repo.updatedAt.toISOString(),
    createdAt: repo.createdAt.toISOString(),
    tags: tagsOf(data, repo.license),
    pipeline_tag: str(data.pipeline_tag),
    library_name: str(data.library_name),
    cardData: card ? data : undefined,
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
  };
  return opts.expand ? projectModel(full, opts.expand) : full;
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
