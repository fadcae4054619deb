import { describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { type HubError } from "../../lib/errors";
import { createRepo } from "../../lib/repos/create-repo";
import { commitFiles } from "../../lib/repos/commit-files";
import { repoFor } from "../../lib/repos/find-repo";
import { listRepos } from "../../lib/repos/list-repos";
import { fileAt, listPath } from "../../lib/repos/read-files";
import { resolveRevision, splitRevisionPath } from "../../lib/repos/resolve-revision";
import { storeBytes } from "../../lib/repos/ingest-blob";
import { gitTreeOid, lfsPointerOid } from "../../lib/repos/git-objects";
import { storeTrees } from "../../lib/repos/store-trees";
import type { DbTx, TreeEntry } from "../../lib/repos/tree-entries";
import type { Actor } from "../../lib/auth/actor";
import { commitText, seedRepo, seedUser, uniq } from "../setup/factories";

const asActor = (u: { id: string; username: string; email: string }): Actor => ({ userId: u.id, username: u.username, email: u.email, isAdmin: false, via: "session" });

async function paths(repoId: string, rev = "main") {
  return (await listPath(repoId, rev, "", true)).entries.filter((e) => e.type === "file").map((e) => e.path).sort();
}

describe("creating repos", () => {
  it("makes an initial commit so main always exists", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    expect(repo.commitId).toMatch(/^[0-9a-f]{40}$/);
    expect(await paths(repo.id)).toEqual([".gitattributes"]);
    expect((await resolveRevision(repo.id, "HEAD")).commitId).toBe(repo.commitId);
  });

  it("answers 409 for a duplicate name and 400 for a bad name or license", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    await expect(createRepo({ owner: u, name: repo.name, private: false })).rejects.toMatchObject({ status: 409 });
    await expect(createRepo({ owner: u, name: "bad--name", private: false })).rejects.toMatchObject({ status: 400 });
    await expect(createRepo({ owner: u, name: uniq("m"), private: false, license: "not-a-license" })).rejects.toMatchObject({ status: 400 });
  });

  it("writes a starter card with the license when asked", async () => {
    const u = await seedUser();
    const repo = await createRepo({ owner: u, name: uniq("m"), private: false, license: "Apache-2.0", withReadme: true });
    expect(await paths(repo.id)).toEqual([".gitattributes", "README.md"]);
    expect((await db().repo.findUniqueOrThrow({ where: { id: repo.id } })).license).toBe("apache-2.0");
  });
});

describe("committing files", () => {
  it("adds, modifies and deletes files; empty folders disappear", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    const c1 = await commitText(repo.id, u, { "a.txt": "A", "dir/sub/b.txt": "B" });
    expect(c1.changes).toEqual(expect.arrayContaining([{ path: "a.txt", op: "add" }, { path: "dir/sub/b.txt", op: "add" }]));
    const c2 = await commitText(repo.id, u, { "a.txt": "A2" });
    expect(c2.changes).toEqual([{ path: "a.txt", op: "modify" }]);
    await commitFiles({ contentOf: "trusted",  repoId: repo.id, branch: "main", author: u, title: "rm", operations: [{ op: "delete", path: "dir/sub/b.txt" }] });
    expect(await paths(repo.id)).toEqual([".gitattributes", "a.txt"]);
    const { entries } = await listPath(repo.id, "main", "", false);
    expect(entries.map((e) => e.path)).not.toContain("dir");
    // Older revisions stay intact.
    expect(await paths(repo.id, c1.commitId)).toEqual([".gitattributes", "a.txt", "dir/sub/b.txt"]);
  });

  it("stores binary and .gitattributes-matched files as LFS with pointer oids", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    await commitText(repo.id, u, { "w.safetensors": "not binary but matched", "blob.dat": Buffer.from([0, 1, 2]), "n.txt": "text" });
    const w = await fileAt(repo.id, "main", "w.safetensors");
    expect(w.lfs).toBe(true);
    expect(w.oid).toBe(lfsPointerOid(w.sha256, w.size));
    expect((await fileAt(repo.id, "main", "blob.dat")).lfs).toBe(true);
    expect((await fileAt(repo.id, "main", "n.txt")).lfs).toBe(false);
  });

  it("refuses bad paths, unknown content, missing deletes and file/folder clashes", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    const sha = (await storeBytes(Buffer.from("x"))).sha256;
    const put = (path: string) => commitFiles({ contentOf: "trusted",  repoId: repo.id, branch: "main", author: u, title: "t", operations: [{ op: "put", path, sha256: sha }] });
    for (const bad of ["../x", "/x", "a\\b", "a\0b", ".git/x"]) await expect(put(bad)).rejects.toMatchObject({ status: 400 });
    await expect(
      commitFiles({ contentOf: "trusted",  repoId: repo.id, branch: "main", author: u, title: "t", operations: [{ op: "put", path: "a", sha256: "f".repeat(64) }] }),
    ).rejects.toThrow(/never uploaded/);
    await expect(commitFiles({ contentOf: "trusted",  repoId: repo.id, branch: "main", author: u, title: "t", operations: [{ op: "delete", path: "nope" }] })).rejects.toMatchObject({
      status: 404,
      code: "EntryNotFound",
    });
    await put("folder/file");
    await expect(put("folder")).rejects.toMatchObject({ status: 409 });
    await expect(put("folder/file/deeper")).rejects.toMatchObject({ status: 409 });
  });

  it("refuses a commit whose parent is stale (412) and leaves the branch untouched", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    const first = await commitText(repo.id, u, { "a.txt": "1" }, { parentCommit: repo.commitId });
    await expect(commitText(repo.id, u, { "a.txt": "2" }, { parentCommit: repo.commitId })).rejects.toMatchObject({ status: 412 });
    expect((await resolveRevision(repo.id, "main")).commitId).toBe(first.commitId);
  });

  it("lands every one of many racing writers without a parent, in one linear history", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    const n = 8;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => commitText(repo.id, u, { [`f${i}.txt`]: String(i) })));
    expect(new Set(results.map((r) => r.commitId)).size).toBe(n);
    expect(await paths(repo.id)).toHaveLength(n + 1);
    // Walk first parents from the head: all n commits plus the initial one, no forks.
    let id: string | undefined = (await resolveRevision(repo.id, "main")).commitId;
    let count = 0;
    while (id) {
      const c: { parentIds: string[] } = await db().commit.findUniqueOrThrow({ where: { id }, select: { parentIds: true } });
      expect(c.parentIds.length).toBeLessThanOrEqual(1);
      id = c.parentIds[0];
      count++;
    }
    expect(count).toBe(n + 1);
  });

  it("lets exactly one of several racing writers with the same parent win", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    const settled = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => commitText(repo.id, u, { "same.txt": `v${i}` }, { parentCommit: repo.commitId })),
    );
    const won = settled.filter((s) => s.status === "fulfilled");
    const lost = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected");
    expect(won).toHaveLength(1);
    for (const l of lost) expect((l.reason as HubError).status).toBe(412);
  });
});

describe("storing trees", () => {
  it("stores each tree's entries as given, in statements of bounded size, and leaves a tree already stored as it is", async () => {
    const tag = uniq("t");
    const tree = (n: number): [string, TreeEntry[]] => {
      const entries: TreeEntry[] = Array.from({ length: n }, (_, i) => ({ name: `${tag}-ü-${i}.bin`, type: "file", oid: "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", sha256: "0".repeat(63) + (i % 10), size: i, lfs: i % 2 === 0, ...(i === 0 ? { mode: "100755" as const } : {}) }));
      return [gitTreeOid(entries), entries];
    };
    const trees = new Map([tree(1), tree(3), tree(5)]);
    let statements = 0;
    const counting = { $executeRaw: (...a: Parameters<DbTx["$executeRaw"]>) => (statements++, db().$executeRaw(...a)) } as unknown as DbTx;
    await storeTrees(counting, new Map([[...trees][0]!]));
    expect(statements).toBe(1);
    // one body each past the bound: three statements; the first tree again changes nothing
    await storeTrees(counting, trees, 1);
    expect(statements).toBe(4);
    const rows = await db().tree.findMany({ where: { id: { in: [...trees.keys()] } } });
    expect(new Map(rows.map((r) => [r.id, r.entries]))).toEqual(trees);
    // a stored id is never overwritten, whatever entries come with it again
    const [firstId, firstEntries] = [...trees][0]!;
    await storeTrees(counting, new Map([[firstId, [{ ...firstEntries[0]!, name: "other" }]]]));
    expect((await db().tree.findUniqueOrThrow({ where: { id: firstId } })).entries).toEqual(firstEntries);
    // under the bound, all in one statement
    const more = new Map([tree(2), tree(4)]);
    await storeTrees(counting, more);
    expect(statements).toBe(6);
    expect(await db().tree.count({ where: { id: { in: [...more.keys()] } } })).toBe(2);
  });
});

describe("revisions", () => {
  it("resolves branches, HEAD, full and short commit ids; refuses others' commits", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    const c = await commitText(repo.id, u, { "x.txt": "x" });
    expect((await resolveRevision(repo.id, c.commitId)).commitId).toBe(c.commitId);
    expect((await resolveRevision(repo.id, c.commitId.slice(0, 10))).commitId).toBe(c.commitId);
    expect((await resolveRevision(repo.id, repo.commitId)).commitId).toBe(repo.commitId);
    await expect(resolveRevision(repo.id, "nope")).rejects.toMatchObject({ code: "RevisionNotFound" });
    const other = await seedRepo(u);
    await expect(resolveRevision(other.id, c.commitId)).rejects.toMatchObject({ code: "RevisionNotFound" });
  });

  it("splits revision and path, preferring the longest existing ref", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    await db().ref.create({ data: { repoId: repo.id, kind: "branch", name: "refs/pr/1", commitId: repo.commitId } });
    expect(await splitRevisionPath(repo.id, ["refs", "pr", "1", "a", "b.txt"])).toEqual({ rev: "refs/pr/1", path: "a/b.txt" });
    expect(await splitRevisionPath(repo.id, ["refs/pr/1", "a.txt"])).toEqual({ rev: "refs/pr/1", path: "a.txt" });
    expect(await splitRevisionPath(repo.id, ["main", "dir", "f.txt"])).toEqual({ rev: "main", path: "dir/f.txt" });
  });
});

describe("visibility and listing", () => {
  it("hides private repos from everyone but the owner, as a 404", async () => {
    const owner = await seedUser();
    const stranger = await seedUser();
    const repo = await seedRepo(owner, { private: true });
    await expect(repoFor(null, owner.username, repo.name)).rejects.toMatchObject({ status: 404, code: "RepoNotFound" });
    await expect(repoFor(asActor(stranger), owner.username, repo.name)).rejects.toMatchObject({ status: 404 });
    await expect(repoFor(asActor(owner), owner.username, repo.name)).resolves.toMatchObject({ id: repo.id });
    expect((await listRepos({ actor: null, owner: owner.username })).repos).toHaveLength(0);
    expect((await listRepos({ actor: asActor(owner), owner: owner.username })).repos).toHaveLength(1);
  });

  it("refuses writes by others (403) and by anonymous callers (401)", async () => {
    const owner = await seedUser();
    const stranger = await seedUser();
    const repo = await seedRepo(owner);
    await expect(repoFor(asActor(stranger), owner.username, repo.name, "write")).rejects.toMatchObject({ status: 403 });
    await expect(repoFor(null, owner.username, repo.name, "write")).rejects.toMatchObject({ status: 401 });
    const readToken: Actor = { ...asActor(owner), via: "token", tokenRole: "read" };
    await expect(repoFor(readToken, owner.username, repo.name, "write")).rejects.toMatchObject({ status: 403 });
  });

  it("pages newest first with a stable cursor and finds models by name", async () => {
    const u = await seedUser();
    const tag = uniq("pager");
    for (let i = 0; i < 5; i++) await seedRepo(u, { name: `${tag}-${i}` });
    const first = await listRepos({ actor: null, search: tag, limit: 2 });
    expect(first.repos.map((r) => r.name)).toEqual([`${tag}-4`, `${tag}-3`]);
    await seedRepo(u, { name: `${tag}-new` }); // an insert between pages must not shift the next page
    const second = await listRepos({ actor: null, search: tag, limit: 2, cursor: first.nextCursor });
    expect(second.repos.map((r) => r.name)).toEqual([`${tag}-2`, `${tag}-1`]);
    const third = await listRepos({ actor: null, search: tag, limit: 2, cursor: second.nextCursor });
    expect(third.repos.map((r) => r.name)).toEqual([`${tag}-0`]);
    expect(third.nextCursor).toBeNull();
    expect((await listRepos({ actor: null, search: `${u.username}/${tag}-3` })).repos.map((r) => r.name)).toEqual([`${tag}-3`]);
    expect((await listRepos({ actor: null, cursor: "garbage" })).repos.length).toBeGreaterThan(0);
  });
});
