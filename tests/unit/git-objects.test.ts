import { describe, expect, it } from "vitest";
import { EMPTY_BLOB_OID, gitBlobOid, gitCommitOid, gitTreeOid, lfsPointer, lfsPointerOid } from "../../lib/repos/git-objects";

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
