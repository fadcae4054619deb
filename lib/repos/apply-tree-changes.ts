// Builds the new trees of a commit: only folders on changed paths are rewritten,
// so a commit costs O(changed folders x their size), never O(repo).
import { badRequest, conflict, entryNotFound } from "../errors";
import { gitTreeOid, sortGitTree } from "./git-objects";
import { storeTrees } from "./store-trees";
import { TreeReader, type DbTx, type FileEntry, type TreeEntry } from "./tree-entries";

export type TreeChange =
  | { kind: "put"; path: string; file: Omit<FileEntry, "name" | "type"> }
  | { kind: "delete"; path: string }
  | { kind: "deleteFolder"; path: string };

export type ChangeRecord = { path: string; op: "add" | "modify" | "delete" };

type Node = { leaves: Map<string, TreeChange>; dirs: Map<string, Node> };

const newNode = (): Node => ({ leaves: new Map(), dirs: new Map() });

function buildChangeTree(changes: TreeChange[]): Node {
  const root = newNode();
  for (const c of changes) {
    const segs = c.path.split("/");
    let node = root;
    for (const s of segs.slice(0, -1)) {
      if (node.leaves.get(s)?.kind === "put") throw badRequest(`"${c.path}" is inside "${s}", which this commit adds as a file`);
      node = node.dirs.get(s) ?? node.dirs.set(s, newNode()).get(s)!;
    }
    const leaf = segs[segs.length - 1]!;
    if (node.leaves.has(leaf)) throw badRequest(`"${c.path}" appears twice in one commit`);
    if (c.kind === "put" && node.dirs.has(leaf)) throw badRequest(`"${c.path}" is both a file and a folder in this commit`);
    node.leaves.set(leaf, c);
  }
  return root;
}

export async function applyTreeChanges(
  tx: DbTx,
  baseTreeId: string | null,
  changes: TreeChange[],
): Promise<{ treeId: string; records: ChangeRecord[] }> {
  const reader = new TreeReader(tx);
  const written = new Map<string, TreeEntry[]>();
  const records: ChangeRecord[] = [];

  async function rebuild(dirId: string | null, node: Node, prefix: string, isRoot: boolean): Promise<string | null> {
    const entries = new Map<string, TreeEntry>((dirId ? await reader.load(dirId) : []).map((e) => [e.name, e]));
    for (const [name, change] of node.leaves) {
      const existing = entries.get(name);
      const path = prefix ? `${prefix}/${name}` : name;
      if (change.kind === "put") {
        if (existing?.type === "dir") throw conflict(`Cannot write file "${path}": a folder has that path`);
        if (existing?.oid === change.file.oid) continue; // unchanged content
        // a new content keeps the file's executable bit
        entries.set(name, { name, type: "file", ...change.file, ...(existing?.mode ? { mode: existing.mode } : {}) });
        records.push({ path, op: existing ? "modify" : "add" });
      } else {
        if (!existing) throw entryNotFound(path);
        if (existing.type === "dir") {
          if (change.kind !== "deleteFolder") throw badRequest(`"${path}" is a folder: delete it as a folder`);
          for (const f of await reader.listFiles(existing.oid)) records.push({ path: `${path}/${f.path}`, op: "delete" });
        } else {
          records.push({ path, op: "delete" });
        }
        entries.delete(name);
      }
    }
    for (const [name, child] of node.dirs) {
      const existing = entries.get(name);
      const path = prefix ? `${prefix}/${name}` : name;
      if (existing?.type === "file") throw conflict(`Cannot use "${path}" as a folder: a file has that path`);
      const childId = await rebuild(existing?.oid ?? null, child, path, false);
      if (childId) entries.set(name, { name, type: "dir", oid: childId });
      else entries.delete(name); // folders that become empty disappear
    }
    if (!entries.size && !isRoot) return null;
    const sorted = sortGitTree([...entries.values()]);
    const id = gitTreeOid(sorted, true);
    written.set(id, sorted);
    return id;
  }

  const treeId = (await rebuild(baseTreeId, buildChangeTree(changes), "", true))!;
  await storeTrees(tx, written);
  return { treeId, records };
}
