// What changed between two trees, by path: sub-trees with the same id are skipped
// whole, so the cost follows the change, not the repo.
import type { ChangeRecord } from "./apply-tree-changes";
import { type TreeReader, type TreeEntry } from "./tree-entries";

export async function diffTrees(reader: TreeReader, from: string | null, to: string): Promise<ChangeRecord[]> {
  const out: ChangeRecord[] = [];
  const all = async (id: string, prefix: string, op: "add" | "delete") => {
    for (const f of await reader.listFiles(id)) out.push({ path: prefix ? `${prefix}/${f.path}` : f.path, op });
  };
  const walk = async (a: string | null, b: string, prefix: string) => {
    if (a === b) return;
    const before = new Map<string, TreeEntry>((a ? await reader.load(a) : []).map((e) => [e.name, e]));
    const after = new Map<string, TreeEntry>((await reader.load(b)).map((e) => [e.name, e]));
    for (const [name, e] of after) {
      const path = prefix ? `${prefix}/${name}` : name;
      const old = before.get(name);
      if (e.type === "dir") {
        if (old?.type === "file") out.push({ path, op: "delete" });
        await walk(old?.type === "dir" ? old.oid : null, e.oid, path);
      } else if (!old) out.push({ path, op: "add" });
      else if (old.type === "dir") {
        await all(old.oid, path, "delete");
        out.push({ path, op: "add" });
      } else if (old.oid !== e.oid || old.mode !== e.mode) out.push({ path, op: "modify" });
    }
    for (const [name, old] of before) {
      if (after.has(name)) continue;
      const path = prefix ? `${prefix}/${name}` : name;
      if (old.type === "dir") await all(old.oid, path, "delete");
      else out.push({ path, op: "delete" });
    }
  };
  await walk(from, to, "");
  return out;
}
