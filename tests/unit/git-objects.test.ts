import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EMPTY_BLOB_OID, gitBlobOid, gitCommitOid, gitTreeBody, gitTreeOid, type GitTreeItem, lfsPointer, lfsPointerOid } from "../../lib/repos/git-objects";

describe("git object ids", () => {
  it("matches git for blobs", () => {
    expect(gitBlobOid(Buffer.alloc(0))).toBe(EMPTY_BLOB_OID);
    // `printf 'hello world\n' | git hash-object --stdin`
    expect(gitBlobOid(Buffer.from("hello world\n"))).toBe("3b18e512dba79e4c8300dd08aeb37f8e728b8dad");
  });

  it("matches git for trees, ordering folders as if they ended with '/'", () => {
    // An empty tree is git's well-known 4b825dc...
    expect(gitTreeOid([])).toBe("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
    const a = gitTreeOid([{ name: "a.txt", type: "file", oid: EMPTY_BLOB_OID }, { name: "a", type: "dir", oid: "4b825dc642cb6eb9a060e54bf8d69288fbee4904" }]);
    const b = gitTreeOid([{ name: "a", type: "dir", oid: "4b825dc642cb6eb9a060e54bf8d69288fbee4904" }, { name: "a.txt", type: "file", oid: EMPTY_BLOB_OID }]);
    expect(a).toBe(b);
  });

  it("writes the same tree bytes as git (modes, folders, UTF-8 names) and refuses an entry that names no object", () => {
    const repo = mkdtempSync(path.join(tmpdir(), "tree-"));
    try {
      const git = (args: string[], input?: string | Buffer) => spawnSync("git", args, { cwd: repo, input });
      expect(git(["init", "-q", "--bare"]).status).toBe(0);
      const blob = git(["hash-object", "-w", "--stdin"], "hi\n").stdout.toString().trim();
      const emptyTree = git(["mktree"], "").stdout.toString().trim();
      const items: GitTreeItem[] = [
        { name: "z.bin", type: "file", oid: blob, mode: "100755" },
        { name: "a", type: "dir", oid: emptyTree },
        { name: "a.txt", type: "file", oid: blob },
        { name: "modèle-日本.safetensors", type: "file", oid: blob },
      ];
      const listing = items.map((e) => `${e.type === "dir" ? "040000 tree" : `${e.mode ?? "100644"} blob`} ${e.oid}\t${e.name}`).join("\n") + "\n";
      const made = git(["mktree", "--missing"], listing);
      expect(made.stderr.toString()).toBe("");
      const id = made.stdout.toString().trim();
      expect(gitTreeOid(items)).toBe(id);
      expect(gitTreeBody(items).equals(git(["cat-file", "tree", id]).stdout)).toBe(true);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
    expect(() => gitTreeBody([{ name: "x", type: "file", oid: "not hex at all, forty characters long..." }])).toThrow(/is not an object id/);
    expect(() => gitTreeBody([{ name: "x", type: "file", oid: "abcd" }])).toThrow(/is not an object id/);
  });

  it("builds the LFS pointer the clients expect", () => {
    const sha = "a".repeat(64);
    expect(lfsPointer(sha, 42)).toBe(`version https://git-lfs.github.com/spec/v1\noid sha256:${sha}\nsize 42\n`);
    expect(lfsPointerOid(sha, 42)).toBe(gitBlobOid(Buffer.from(lfsPointer(sha, 42))));
  });

  it("gives commits 40-hex ids that change with any field", () => {
    const base = { treeId: "4b825dc642cb6eb9a060e54bf8d69288fbee4904", parentIds: [], author: { name: "a", email: "a@b.c" }, date: new Date(0), message: "m" };
    const id = gitCommitOid(base);
    expect(id).toMatch(/^[0-9a-f]{40}$/);
    expect(gitCommitOid({ ...base, message: "n" })).not.toBe(id);
    expect(gitCommitOid({ ...base, parentIds: [id] })).not.toBe(id);
  });
});
