import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { findBlobUses } from "../../lib/blobs/find-blob-uses";
import { createRef } from "../../lib/repos/refs";
import { commitFiles } from "../../lib/repos/commit-files";
import { commitText, seedRepo, seedUser } from "../setup/factories";

const asActor = (u: { id: string; username: string; email: string }): Actor => ({ userId: u.id, username: u.username, email: u.email, isAdmin: false, via: "session" });

describe("lookup by sha256", () => {
  it("finds every repo, ref and path holding the content, only where the caller may look", async () => {
    const content = crypto.randomBytes(5000);
    const sha = crypto.createHash("sha256").update(content).digest("hex");
    const alice = await seedUser();
    const pub = await seedRepo(alice);
    const priv = await seedRepo(alice, { private: true });
    await commitText(pub.id, alice, { "weights/deep/model.bin": content, "copy.bin": content });
    await createRef(pub.id, "tag", "v1", "main");
    await commitText(priv.id, alice, { "secret.bin": content });

    const anon = await findBlobUses(null, sha);
    expect(anon.size).toBe(5000);
    expect(anon.uses.map((u) => u.repo)).toEqual([`${alice.username}/${pub.name}`]);
    const revs = anon.uses[0]!.revisions;
    expect(revs.map((r) => `${r.kind}:${r.name}`).sort()).toEqual(["branch:main", "tag:v1"]);
    expect(revs[0]!.paths.sort()).toEqual(["copy.bin", "weights/deep/model.bin"]);

    const owner = await findBlobUses(asActor(alice), sha);
    expect(owner.uses.map((u) => u.repo).sort()).toEqual([`${alice.username}/${pub.name}`, `${alice.username}/${priv.name}`].sort());

    // Consistent with the commits: once deleted from main, only the tag still holds it.
    await commitFiles({ contentOf: "trusted",  repoId: pub.id, branch: "main", author: alice, title: "rm", operations: [{ op: "deleteFolder", path: "weights" }, { op: "delete", path: "copy.bin" }] });
    const after = await findBlobUses(null, sha);
    expect(after.uses[0]!.revisions.map((r) => r.name)).toEqual(["v1"]);
  });

  it("refuses malformed hashes and finds nothing for unknown content", async () => {
    await expect(findBlobUses(null, "abc")).rejects.toMatchObject({ status: 400 });
    await expect(findBlobUses(null, "G".repeat(64))).rejects.toMatchObject({ status: 400 });
    expect(await findBlobUses(null, "0".repeat(64))).toEqual({ sha256: "0".repeat(64), size: null, uses: [] });
  });
});
