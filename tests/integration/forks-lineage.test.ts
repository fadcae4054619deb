// Forks share everything but refs; lineage comes from cards and forks; license checks explain conflicts.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { forkRepo } from "../../lib/forks/fork-repo";
import { syncFromUpstream, upstreamStatus } from "../../lib/forks/upstream-status";
import { modelTree } from "../../lib/lineage/model-tree";
import { checkDerivativeLicense } from "../../lib/licenses/terms";
import { findRepo } from "../../lib/repos/find-repo";
import { fileAt } from "../../lib/repos/read-files";
import type { Actor } from "../../lib/auth/actor";
import { commitText, seedRepo, seedUser } from "../setup/factories";
import { drainJobs } from "../setup/jobs";

const actorOf = (u: { id: string; username: string; email: string }): Actor => ({ userId: u.id, username: u.username, email: u.email, isAdmin: false, via: "session" });
const row = async (owner: string, name: string) => (await findRepo(owner, name))!;

describe("forks", () => {
  it("are instant copies of refs: no blob, tree or commit is written", async () => {
    const alice = await seedUser();
    const bob = await seedUser();
    const up = await seedRepo(alice);
    await commitText(up.id, alice, { "model.bin": Buffer.alloc(1024, 1), "README.md": "# up" });
    const made = await forkRepo({ owner: bob, source: await row(alice.username, up.name) });
    // (other test files write concurrently, so global row counts cannot be compared here)
    const refs = async (repoId: string) => (await db().ref.findMany({ where: { repoId }, orderBy: { name: "asc" } })).map((r) => [r.kind, r.name, r.commitId]);
    expect(await refs(made.id)).toEqual(await refs(up.id));
    expect(await db().commit.count({ where: { authorId: bob.id } })).toBe(0);
    const [a, b] = await Promise.all([fileAt(up.id, "main", "model.bin"), fileAt(made.id, "main", "model.bin")]);
    expect(b.sha256).toBe(a.sha256);
    expect(b.revision.commitId).toBe(a.revision.commitId);
    expect(await upstreamStatus(null, { id: made.id, forkOfId: up.id })).toMatchObject({ upstreamId: `${alice.username}/${up.name}`, ahead: 0, behind: 0 });
  });

  it("count commits ahead and behind, and sync only when behind", async () => {
    const alice = await seedUser();
    const bob = await seedUser();
    const up = await seedRepo(alice);
    const made = await forkRepo({ owner: bob, source: await row(alice.username, up.name), name: "my-fork" });
    const fork = { id: made.id, forkOfId: up.id };
    await commitText(up.id, alice, { "a.txt": "1" });
    await commitText(up.id, alice, { "a.txt": "2" });
    expect(await upstreamStatus(null, fork)).toMatchObject({ ahead: 0, behind: 2 });
    expect(await syncFromUpstream(null, fork)).toMatchObject({ behindBefore: 2 });
    expect(await upstreamStatus(null, fork)).toMatchObject({ ahead: 0, behind: 0 });
    expect((await fileAt(made.id, "main", "a.txt")).size).toBe(1);
    await commitText(made.id, bob, { "b.txt": "mine" });
    await commitText(up.id, alice, { "a.txt": "3" });
    expect(await upstreamStatus(null, fork)).toMatchObject({ ahead: 1, behind: 1 });
    await expect(syncFromUpstream(null, fork)).rejects.toMatchObject({ status: 409 });
  });

  it("of a private model stay private, and a name clash is a 409", async () => {
    const alice = await seedUser();
    const up = await seedRepo(alice, { private: true });
    const made = await forkRepo({ owner: alice, source: await row(alice.username, up.name), name: "copy", private: false });
    expect((await db().repo.findUniqueOrThrow({ where: { id: made.id } })).private).toBe(true);
    await expect(forkRepo({ owner: alice, source: await row(alice.username, up.name), name: "copy" })).rejects.toMatchObject({ status: 409 });
    await expect(forkRepo({ owner: alice, source: await row(alice.username, up.name) })).rejects.toMatchObject({ status: 400 });
  });
});

describe("lineage", () => {
  it("builds the model tree from base_model, relations and forks", async () => {
    const alice = await seedUser();
    await seedRepo(alice, { name: "root" });
    const ft = await seedRepo(alice, { name: "ft" });
    const q = await seedRepo(alice, { name: "q" });
    const merged = await seedRepo(alice, { name: "merged" });
    const secret = await seedRepo(alice, { name: "secret", private: true });
    const rootId = `${alice.username}/root`;
    await commitText(ft.id, alice, { "README.md": `---\nbase_model: ${rootId}\n---\n` });
    await commitText(q.id, alice, { "README.md": `---\nbase_model: ${alice.username}/ft\n---\n`, "model.Q4_K.gguf": "x" });
    await commitText(merged.id, alice, { "README.md": `---\nbase_model: [${rootId}, meta-llama/Llama-3.1-8B]\n---\n` });
    await commitText(secret.id, alice, { "README.md": `---\nbase_model: ${rootId}\nbase_model_relation: adapter\n---\n` });
    await forkRepo({ owner: alice, source: await row(alice.username, "root"), name: "root-fork" });
    await drainJobs();

    const visitor = null;
    const tree = await modelTree(visitor, await row(alice.username, "root"));
    expect(tree.children.finetune).toEqual({ count: 1, models: [{ id: `${alice.username}/ft`, license: "mit", parameters: null }] });
    expect(tree.children.merge?.count).toBe(1);
    expect(tree.children.fork?.models.map((m) => m.id)).toEqual([`${alice.username}/root-fork`]);
    expect(tree.children.adapter).toBeUndefined(); // the private adapter is invisible to visitors
    expect((await modelTree(actorOf(alice), await row(alice.username, "root"))).children.adapter?.count).toBe(1);

    const qTree = await modelTree(visitor, await row(alice.username, "q"));
    expect(qTree.ancestors).toEqual([
      { id: `${alice.username}/ft`, relation: "quantized", local: true, license: "mit", parents: [{ id: rootId, relation: "finetune", local: true, license: "mit", parents: [] }] },
    ]);
    const mTree = await modelTree(visitor, await row(alice.username, "merged"));
    expect(mTree.ancestors.map((a) => [a.id, a.relation, a.local])).toEqual([[rootId, "merge", true], ["meta-llama/Llama-3.1-8B", "merge", false]]);
  });
});

describe("license checks for derivatives", () => {
  it.each([
    ["mit", "apache-2.0", "fine-tune", true, null],
    ["apache-2.0", null, "fine-tune", false, /Pick a license/],
    ["cc-by-nd-4.0", "cc-by-nd-4.0", "fine-tune", false, /does not allow derivatives/],
    ["cc-by-nd-4.0", "cc-by-nd-4.0", "fork", true, null],
    ["cc-by-sa-4.0", "mit", "fine-tune", false, /same license/],
    ["cc-by-sa-4.0", "cc-by-sa-4.0", "fine-tune", true, null],
    ["cc-by-nc-4.0", "apache-2.0", "fine-tune", false, /forbids commercial use/],
    ["cc-by-nc-4.0", "cc-by-nc-4.0", "fine-tune", true, null],
    ["gpl-3.0", "mit", "fine-tune", false, /same license/],
    ["creativeml-openrail-m", "openrail++", "fine-tune", true, null],
    ["creativeml-openrail-m", "apache-2.0", "fine-tune", false, /one of: openrail/],
    ["llama3.1", "mit", "fine-tune", false, /same license/],
    ["other", "mit", "fine-tune", true, null],
  ])("base %s → %s (%s): ok=%s", (base, derivative, kind, ok, why) => {
    const r = checkDerivativeLicense(base, derivative, kind as "fork" | "fine-tune");
    expect(r.ok).toBe(ok);
    if (why) expect(r.problems.join(" ")).toMatch(why);
  });
});
