// Git object ids, so that oids and ETags match what the HF clients expect
// (hub-api.md §4.5) and a repo could be exported to plain git.
import crypto from "node:crypto";

export const EMPTY_BLOB_OID = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";

export function gitBlobHeader(size: number): Buffer {
  return Buffer.from(`blob ${size}\0`);
}

export function gitBlobOid(bytes: Buffer): string {
  return crypto.createHash("sha1").update(gitBlobHeader(bytes.length)).update(bytes).digest("hex");
}

export function lfsPointer(sha256: string, size: number): string {
  return `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256}\nsize ${size}\n`;
}

export function lfsPointerOid(sha256: string, size: number): string {
  return gitBlobOid(Buffer.from(lfsPointer(sha256, size)));
}

/** `mode` "100755" marks an executable file; plain files and folders leave it out. */
export type GitTreeItem = { name: string; type: "file" | "dir"; oid: string; mode?: "100755" };

export const gitMode = (e: GitTreeItem) => (e.type === "dir" ? "40000" : (e.mode ?? "100644"));

/** Git's tree order: by name, as if directory names ended with "/" (keys computed once). */
export function sortGitTree<T extends GitTreeItem>(items: T[]): T[] {
  return items
    .map((e) => ({ e, k: e.type === "dir" ? `${e.name}/` : e.name }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.e);
}

/** The body of a git tree object; `sorted` says the items are already in git's tree order. */
export function gitTreeBody(items: GitTreeItem[], sorted = false): Buffer {
  const ordered = sorted ? items : sortGitTree(items);
  // One buffer written in place: a folder of 10,000 files would otherwise make 30,000 small ones.
  let size = 0;
  for (const e of ordered) size += gitMode(e).length + 2 + Buffer.byteLength(e.name) + 20;
  const body = Buffer.alloc(size);
  let at = 0;
  for (const e of ordered) {
    at += body.write(`${gitMode(e)} ${e.name}\0`, at, "utf8");
    const written = body.write(e.oid, at, "hex");
    if (written !== 20 || e.oid.length !== 40) throw new Error(`tree entry ${JSON.stringify(e.name)}: ${JSON.stringify(e.oid)} is not an object id`);
    at += written;
  }
  return body;
}

/** The git tree id; `sorted` says the items are already in git's tree order. */
export function gitTreeOid(items: GitTreeItem[], sorted = false): string {
  return gitObjectOid("tree", gitTreeBody(items, sorted));
}

/** The id git gives an object of `type` with this body. */
export function gitObjectOid(type: "blob" | "tree" | "commit" | "tag", body: Buffer): string {
  return crypto.createHash("sha1").update(`${type} ${body.length}\0`).update(body).digest("hex");
}

export type CommitObject = {
  treeId: string;
  parentIds: string[];
  author: { name: string; email: string };
  date: Date;
  message: string;
};

/** The body of the commit object the hub writes for web and API commits (author = committer, UTC). */
export function gitCommitBody(c: CommitObject): Buffer {
  const who = `${c.author.name.replace(/[<>\n]/g, "")} <${c.author.email.replace(/[<>\n]/g, "")}> ${Math.floor(c.date.getTime() / 1000)} +0000`;
  return Buffer.from([`tree ${c.treeId}`, ...c.parentIds.map((p) => `parent ${p}`), `author ${who}`, `committer ${who}`, "", c.message].join("\n"));
}

export function gitCommitOid(c: CommitObject): string {
  return gitObjectOid("commit", gitCommitBody(c));
}
