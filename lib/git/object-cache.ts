// Each repo's git objects, derived from PostgreSQL and the blob store into a bare
// object folder under the data folder (git-cache/<repoId>), so that git's own
// upload-pack can serve clones and fetches. Nothing here is a source of truth: the
// folder can be deleted at any time and is rebuilt on the next fetch, in any hub
// process. A commit is written only after its tree, blobs and parents, so a commit
// present in the folder means its whole history is.
import { mkdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { db } from "../db/client";
import { env } from "../env";
import { lfsPointer } from "../repos/git-objects";
import { TreeReader, type TreeEntry } from "../repos/tree-entries";
import { blobStore } from "../storage";
import { gitTreeBody } from "../repos/git-objects";
import { ancestry, commitBodies } from "./commit-bodies";
import { hasLooseObject, writeLooseObject, writeLooseStream } from "./loose-objects";
import { inPack } from "./packed-objects";
import { REPACK_AFTER, repackSoon } from "./repack-cache";

/** In the cache, loose or packed (lib/git/repack-cache). */
const hasObject = (objects: string, oid: string) => hasLooseObject(objects, oid) || inPack(objects, oid);

export type GitRef = { name: string; oid: string; peeled?: string };

export const cacheRoot = () => path.join(env().dataDir, "git-cache");

export function objectsDirOf(repoId: string): string {
  return path.join(cacheRoot(), repoId, "objects");
}

/** The repo's refs as git names them: branches, tags (annotated ones by their tag object), pull requests. */
export async function gitRefs(repoId: string): Promise<GitRef[]> {
  const rows = await db().ref.findMany({ where: { repoId }, select: { kind: true, name: true, commitId: true, tagOid: true } });
  return rows
    .map((r) =>
      r.kind === "tag"
        ? { name: `refs/tags/${r.name}`, oid: r.tagOid ?? r.commitId, ...(r.tagOid ? { peeled: r.commitId } : {}) }
        : { name: r.name.startsWith("refs/pr/") ? r.name : `refs/heads/${r.name}`, oid: r.commitId },
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function writeTree(objects: string, reader: TreeReader, treeId: string, written: { count: number }): Promise<void> {
  if (hasObject(objects, treeId)) return;
  const entries: TreeEntry[] = await reader.load(treeId);
  for (const e of entries) {
    if (e.type === "dir") await writeTree(objects, reader, e.oid, written);
    else if (!hasObject(objects, e.oid)) {
      if (e.lfs) await writeLooseObject(objects, "blob", Buffer.from(lfsPointer(e.sha256, e.size)), e.oid);
      else await writeLooseStream(objects, e.size, await blobStore().read(e.sha256), e.oid);
      written.count++;
    }
  }
  await writeLooseObject(objects, "tree", gitTreeBody(entries, true), treeId);
  written.count++;
}

/**
 * Makes the repo's object folder hold everything its refs reach. Cheap when nothing
 * changed (one file check per ref); otherwise writes what is missing, oldest first.
 */
export async function syncObjects(repoId: string, refs: GitRef[]): Promise<string> {
  const objects = objectsDirOf(repoId);
  await mkdir(objects, { recursive: true });
  const tags = refs.filter((r) => r.peeled && !hasObject(objects, r.oid));
  const tips = [...new Set(refs.map((r) => r.peeled ?? r.oid))].filter((oid) => !hasObject(objects, oid));
  if (tips.length) {
    const missing = (await ancestry(tips)).filter((c) => !hasObject(objects, c.id));
    const byId = new Map(missing.map((c) => [c.id, c]));
    // parents before children: a commit on disk vouches for its whole history
    const order: string[] = [];
    const placed = new Set<string>();
    for (const start of missing) {
      const stack = [start.id];
      while (stack.length) {
        const id = stack[stack.length - 1]!;
        if (placed.has(id)) {
          stack.pop();
          continue;
        }
        const pending = byId.get(id)!.parentIds.filter((p) => byId.has(p) && !placed.has(p));
        if (pending.length) stack.push(...pending);
        else {
          placed.add(id);
          order.push(id);
          stack.pop();
        }
      }
    }
    const reader = new TreeReader(db());
    const written = { count: 0 };
    for (let i = 0; i < order.length; i += 200) {
      const batch = order.slice(i, i + 200);
      const bodies = await commitBodies(batch);
      for (const id of batch) {
        await writeTree(objects, reader, byId.get(id)!.treeId, written);
        await writeLooseObject(objects, "commit", bodies.get(id)!, id);
        written.count++;
      }
    }
    if (written.count >= REPACK_AFTER) repackSoon(objects, refs);
  }
  if (tags.length) {
    const rows = await db().gitTag.findMany({ where: { oid: { in: tags.map((t) => t.oid) } } });
    for (const t of rows) await writeLooseObject(objects, "tag", Buffer.from(t.raw), t.oid);
  }
  return objects;
}

/** A bare repository for one request: the repo's objects (by reference) and its refs as of now. */
export async function makeView(dir: string, objects: string, refs: GitRef[], opts: { hooks?: Record<string, string> } = {}): Promise<void> {
  await mkdir(path.join(dir, "objects", "info"), { recursive: true });
  await mkdir(path.join(dir, "refs", "heads"), { recursive: true });
  await mkdir(path.join(dir, "refs", "tags"), { recursive: true });
  await writeFile(path.join(dir, "objects", "info", "alternates"), `${objects}\n`);
  const head = refs.some((r) => r.name === "refs/heads/main") ? "refs/heads/main" : (refs.find((r) => r.name.startsWith("refs/heads/"))?.name ?? "refs/heads/main");
  await writeFile(path.join(dir, "HEAD"), `ref: ${head}\n`);
  await writeFile(path.join(dir, "config"), "[core]\n\trepositoryformatversion = 0\n\tbare = true\n");
  const lines = ["# pack-refs with: peeled fully-peeled sorted "];
  for (const r of refs) {
    lines.push(`${r.oid} ${r.name}`);
    if (r.peeled) lines.push(`^${r.peeled}`);
  }
  await writeFile(path.join(dir, "packed-refs"), `${lines.join("\n")}\n`);
  if (opts.hooks) {
    await mkdir(path.join(dir, "hooks"), { recursive: true });
    for (const [name, script] of Object.entries(opts.hooks)) await writeFile(path.join(dir, "hooks", name), script, { mode: 0o755 });
  }
  if (!existsSync(objects)) throw new Error(`the object folder ${objects} is missing`);
}
