import { describe, expect, it } from "vitest";
import { commitFiles } from "../../lib/repos/commit-files";
import { commitDetail } from "../../lib/repos/commit-detail";
import { listCommits, listCommitsTouching } from "../../lib/repos/list-commits";
import { createRef, deleteRef, listRefs } from "../../lib/repos/refs";
import { resolveRevision } from "../../lib/repos/resolve-revision";
import { commitText, seedRepo, seedUser } from "../setup/factories";

describe("history", () => {
  it("lists first-parent history, per repo and per path, newest first", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    const a = await commitText(repo.id, u, { "a.txt": "1" }, { title: "add a" });
    const b = await commitText(repo.id, u, { "dir/b.txt": "1" }, { title: "add b" });
    const c = await commitText(repo.id, u, { "a.txt": "2" }, { title: "change a" });
    const head = (await resolveRevision(repo.id, "main")).commitId;
    expect((await listCommits(head, { limit: 10, skip: 0 })).map((x) => x.title)).toEqual(["change a", "add b", "add a", "initial commit"]);
    expect((await listCommits(head, { limit: 2, skip: 1 })).map((x) => x.id)).toEqual([b.commitId, a.commitId]);
    expect((await listCommitsTouching(head, "a.txt", { limit: 10, skip: 0 })).map((x) => x.id)).toEqual([c.commitId, a.commitId]);
    expect((await listCommitsTouching(head, "dir", { limit: 10, skip: 0 })).map((x) => x.id)).toEqual([b.commitId]);
    expect(await listCommitsTouching(head, "di", { limit: 10, skip: 0 })).toEqual([]);
  });

  it("shows what a commit changed with line diffs for text, none for binary", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    await commitText(repo.id, u, { "notes.md": "one\ntwo\nthree\n", "w.bin": Buffer.from([0, 1]) });
    const c = await commitText(repo.id, u, { "notes.md": "one\n2\nthree\n", "w.bin": Buffer.from([0, 2]) });
    await commitFiles({ contentOf: "trusted",  repoId: repo.id, branch: "main", author: u, title: "rm", operations: [{ op: "delete", path: "notes.md" }] });
    const d = await commitDetail(repo.id, c.commitId);
    const notes = d.changes.find((x) => x.path === "notes.md")!;
    expect(notes.op).toBe("modify");
    expect(notes.hunks![0]!.lines).toEqual([" one", "-two", "+2", " three"]);
    expect(d.changes.find((x) => x.path === "w.bin")!.hunks).toBeNull();
    const del = await commitDetail(repo.id, "main");
    expect(del.changes).toEqual([expect.objectContaining({ path: "notes.md", op: "delete", newSize: null })]);
  });

  it("creates and deletes branches and tags; refuses bad names, duplicates and deleting main", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    const c = await commitText(repo.id, u, { "x.txt": "x" });
    await createRef(repo.id, "branch", "dev", "main");
    await createRef(repo.id, "tag", "v1.0", c.commitId.slice(0, 8));
    const refs = await listRefs(repo.id);
    expect(refs.branches.map((b) => b.name)).toEqual(["dev", "main"]);
    expect(refs.tags).toEqual([{ name: "v1.0", ref: "refs/tags/v1.0", targetCommit: c.commitId }]);
    await expect(createRef(repo.id, "branch", "dev", "main")).rejects.toMatchObject({ status: 409 });
    for (const bad of ["a..b", "with space", "x.lock", "/x", "HEAD", "a".repeat(40).replace(/a/g, "f")]) {
      await expect(createRef(repo.id, "branch", bad, "main")).rejects.toMatchObject({ status: 400 });
    }
    await expect(deleteRef(repo.id, "branch", "main")).rejects.toMatchObject({ status: 403 });
    await deleteRef(repo.id, "tag", "v1.0");
    await expect(deleteRef(repo.id, "tag", "v1.0")).rejects.toMatchObject({ status: 404 });
  });
});
