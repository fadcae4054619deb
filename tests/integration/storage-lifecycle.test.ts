// Stored files over their lifetime: the collector removes what nothing names after
// the grace period and never what a commit, job, upload or backup still needs;
// quotas count a namespace's content once and forks for free; a backup taken while
// the hub runs restores into an empty database and store with identical bytes.
// A database and data folder of its own: the collector sees every blob of its database.
import crypto from "node:crypto";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropIsolatedDatabase, useIsolatedDatabase } from "../setup/isolated-db";

let tmp: string;
let dbUrl: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "storage-life-"));
  process.env.MODELHUB_DATA_DIR = path.join(tmp, "data");
  dbUrl = await useIsolatedDatabase("storage");
});
afterAll(async () => {
  await dropIsolatedDatabase();
  await rm(tmp, { recursive: true, force: true });
});

const lib = async () => ({
  ...(await import("../setup/factories")),
  ...(await import("../../lib/blobs/collect-garbage")),
  ...(await import("../../lib/repos/ingest-blob")),
  ...(await import("../../lib/repos/commit-files")),
  ...(await import("../../lib/repos/manage-repo")),
  db: (await import("../../lib/db/client")).db,
  blobStore: (await import("../../lib/storage")).blobStore,
});
const random = (label: string) => Buffer.from(`${label} ${crypto.randomBytes(16).toString("hex")}\n`);
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("the blob collector", () => {
  it("removes contents nothing names once they stayed unused for the grace period, and keeps history", async () => {
    const { seedUser, seedRepo, commitText, storeBytes, collectGarbage, deleteRepo, db, blobStore } = await lib();
    const user = await seedUser();
    const kept = await seedRepo(user);
    const old = random("in history only");
    const first = await commitText(kept.id, user, { "weights.bin": old });
    await commitText(kept.id, user, { "weights.bin": random("current") }, { parentCommit: first.commitId });
    const doomed = await seedRepo(user);
    const deletedContent = random("of a deleted repo");
    await commitText(doomed.id, user, { "gone.bin": deletedContent });
    await deleteRepo(doomed.id);
    const stray = await storeBytes(random("uploaded, never committed"));

    const firstRound = await collectGarbage({ graceMs: 0 });
    expect(firstRound).toMatchObject({ skipped: false, removed: 0 }); // marked, still within its grace
    expect(firstRound.marked).toBeGreaterThanOrEqual(2);
    const second = await collectGarbage({ graceMs: 0 });
    expect(second.removed).toBeGreaterThanOrEqual(2);
    for (const gone of [sha(deletedContent), stray.sha256]) {
      expect(await db().blob.findUnique({ where: { sha256: gone } })).toBeNull();
      expect(await blobStore().exists(gone)).toBe(false);
    }
    expect(await blobStore().exists(sha(old))).toBe(true); // an old commit still names it
    // a long grace keeps marked contents
    const marked = await storeBytes(random("marked"));
    await collectGarbage({ graceMs: 0 });
    expect((await collectGarbage({ graceMs: 3600_000 })).removed).toBe(0);
    expect(await blobStore().exists(marked.sha256)).toBe(true);
  });

  it("gives a marked content back to an upload or a commit that names it again", async () => {
    const { seedUser, seedRepo, storeBytes, collectGarbage, commitFiles, db, blobStore, actorOf } = await lib();
    const user = await seedUser();
    const repo = await seedRepo(user);
    const again = random("uploaded twice");
    await storeBytes(again);
    await collectGarbage({ graceMs: 0 });
    expect((await db().blob.findUniqueOrThrow({ where: { sha256: sha(again) } })).unreferencedSince).not.toBeNull();
    await storeBytes(again); // the same content uploaded again claims it back
    expect((await db().blob.findUniqueOrThrow({ where: { sha256: sha(again) } })).unreferencedSince).toBeNull();
    // a commit naming a marked content by hash keeps it for good
    const named = await storeBytes(random("named by hash"));
    const { grantContent } = await import("../../lib/blobs/possession");
    await grantContent(user.id, [named.sha256]); // the uploader's own, as after an LFS upload
    await collectGarbage({ graceMs: 0 });
    await commitFiles({ contentOf: await actorOf(user), repoId: repo.id, branch: "main", author: user, title: "name it", operations: [{ op: "put", path: "named.bin", sha256: named.sha256 }] });
    await collectGarbage({ graceMs: 0 });
    await collectGarbage({ graceMs: 0 });
    expect(await blobStore().exists(named.sha256)).toBe(true);
    expect((await db().blob.findUniqueOrThrow({ where: { sha256: named.sha256 } })).unreferencedSince).toBeNull();
  });

  it("keeps a fine-tune's dataset, and stands aside while a backup holds the lock", async () => {
    const { storeBytes, collectGarbage, blobStore, seedUser, db } = await lib();
    const { BLOB_GC_LOCK } = await import("../../lib/blobs/gc-lock");
    const stray = await storeBytes(random("during a backup"));
    const dataset = await storeBytes(random("text,label"));
    const user = await seedUser();
    await db().fineTuneJob.create({
      data: { userId: user.id, baseId: "x/y", baseCommit: "0".repeat(40), task: "text-classification", datasetSha256: dataset.sha256, datasetName: "d.csv", datasetBytes: 10n, params: {}, hardware: "cpu", outputName: "out", outputPrivate: false, maxSeconds: 60, status: "failed" },
    });
    const backup = new pg.Client({ connectionString: dbUrl });
    await backup.connect();
    await backup.query("BEGIN");
    await backup.query("SELECT pg_advisory_xact_lock_shared($1)", [BLOB_GC_LOCK]);
    try {
      expect(await collectGarbage({ graceMs: 0 })).toMatchObject({ skipped: true, removed: 0 });
    } finally {
      await backup.query("COMMIT");
      await backup.end();
    }
    await collectGarbage({ graceMs: 0 });
    await collectGarbage({ graceMs: 0 });
    expect(await blobStore().exists(stray.sha256)).toBe(false);
    expect(await blobStore().exists(dataset.sha256)).toBe(true); // a job's recipe names it: re-runs need it
  });
});

describe("storage quotas", () => {
  it("refuse content past a namespace's quota with a clear 413, count each content once, and let forks share for free", async () => {
    const { seedUser, seedRepo, commitText, uniq } = await lib();
    const { resetEnvForTests } = await import("../../lib/env");
    const { storageOverview } = await import("../../lib/quotas/storage-use");
    const { planUploads } = await import("../../lib/uploads/lfs-upload-plan");
    const { forkRepo } = await import("../../lib/forks/fork-repo");
    const { findRepoById } = await import("../../lib/repos/find-repo");
    const { actorOf } = await import("../setup/factories");
    const alice = await seedUser();
    const bob = await seedUser();
    const bobs = await seedRepo(bob);
    await commitText(bobs.id, bob, { "big.bin": Buffer.alloc(150_000, 7) });
    const mine = await seedRepo(alice);
    const other = await seedRepo(alice);
    process.env.QUOTA_USER_BYTES = "120000";
    resetEnvForTests();
    try {
      const used0 = (await storageOverview(await actorOf(alice)))[0]!.used;
      const chunk = crypto.randomBytes(60_000);
      await commitText(mine.id, alice, { "a.bin": chunk });
      // the same content in another repo of the same namespace costs nothing more
      await commitText(other.id, alice, { "copy.bin": chunk });
      const [row] = await storageOverview(await actorOf(alice));
      expect(row).toMatchObject({ namespace: alice.username, used: used0 + 60_000, quota: 120_000 });
      // a fork of bob's 150 kB model stays free: what it shares with bob's repo is bob's to count
      await forkRepo({ owner: alice, source: (await findRepoById(bobs.id))!, name: "fork-of-big" });
      expect((await storageOverview(await actorOf(alice)))[0]!.used).toBeLessThanOrEqual(used0 + 60_000);
      // past the quota: refused, naming the numbers
      const err = await commitText(mine.id, alice, { "b.bin": crypto.randomBytes(70_000) }).catch((e) => e);
      expect(err).toMatchObject({ status: 413, code: "QuotaExceeded" });
      expect(String(err.message)).toMatch(/Storage quota exceeded: .* uses .* of 0\.1 MiB/);
      // an LFS upload batch that cannot fit is refused per object before any byte is sent
      const big = crypto.randomBytes(32);
      const [answer] = await planUploads(await actorOf(alice), [{ oid: sha(big), size: 90_000 }], "http://hub.test", alice.id);
      expect(answer).toMatchObject({ error: { code: 413 } });
      // organizations have a quota of their own (QUOTA_ORG_BYTES), unset here: unlimited
      const { createOrg } = await import("../../lib/orgs/orgs");
      const org = await createOrg(await actorOf(alice), uniq("org"));
      const orgRepo = await seedRepo({ id: org.id, username: org.username, email: "" });
      await commitText(orgRepo.id, alice, { "huge.bin": crypto.randomBytes(200_000) });
      const rows = await storageOverview(await actorOf(alice));
      expect(rows.find((r) => r.isOrg)).toMatchObject({ namespace: org.username, quota: null });
      expect(rows.find((r) => r.isOrg)!.used).toBeGreaterThanOrEqual(200_000);
    } finally {
      delete process.env.QUOTA_USER_BYTES;
      resetEnvForTests();
    }
  });
});

describe("backup and restore", () => {
  it("restores every row and byte-identical files into an empty database and store, and refuses damaged or foreign folders", { timeout: 180_000 }, async () => {
    const { seedUser, seedRepo, commitText, db, blobStore } = await lib();
    const { takeBackup } = await import("../../lib/backup/take-backup");
    const { restoreBackup } = await import("../../lib/backup/restore-backup");
    const { DiskBlobStore } = await import("../../lib/storage/disk-store");
    const user = await seedUser();
    const repo = await seedRepo(user, { private: true });
    const weights = crypto.randomBytes(300_000);
    await commitText(repo.id, user, { "model.safetensors": weights, "notes.md": "# notes\n" });

    // as an S3 hub records an upload joined where its parts went: the copy restores to the content address
    await db().blob.update({ where: { sha256: sha(weights) }, data: { location: `blobs/${sha(weights)}.joined` } });
    const out = path.join(tmp, "backup");
    const manifest = await takeBackup({ databaseUrl: dbUrl, store: blobStore(), out }).finally(() =>
      db().blob.update({ where: { sha256: sha(weights) }, data: { location: null } }),
    );
    expect(manifest.storage).toMatchObject({ driver: "disk", copied: true });
    expect(manifest.tables.find((t) => t.name === "Repo")!.rows).toBeGreaterThan(0);
    await expect(takeBackup({ databaseUrl: dbUrl, store: blobStore(), out })).rejects.toThrow(/not empty/);

    // an empty database on the same server, and an empty store
    const target = new URL(dbUrl);
    target.pathname = `/restore_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: dbUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${target.pathname.slice(1)}`);
    const store = new DiskBlobStore(path.join(tmp, "restored-blobs"));
    try {
      const result = await restoreBackup({ from: out, databaseUrl: target.toString(), store, stagingDir: path.join(tmp, "restore-tmp") });
      expect(result.missingObjects).toBe(0);
      const counts = async (url: string) => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        const out: Record<string, number> = {};
        for (const t of manifest.tables) out[`${t.schema}.${t.name}`] = Number((await c.query(`SELECT count(*) FROM "${t.schema}"."${t.name}"`)).rows[0].count);
        await c.end();
        return out;
      };
      const [before, after] = await Promise.all([counts(dbUrl), counts(target.toString())]);
      expect(after).toEqual({ ...before, "public.Worker": 0 });
      const restored = new pg.Client({ connectionString: target.toString() });
      await restored.connect();
      expect((await restored.query(`SELECT count(*)::int AS n FROM "Blob" WHERE location IS NOT NULL`)).rows[0].n).toBe(0);
      await restored.end();
      for (const b of await db().blob.findMany({ select: { sha256: true } })) {
        const chunks: Buffer[] = [];
        for await (const c of await store.read(b.sha256)) chunks.push(c as Buffer);
        expect(sha(Buffer.concat(chunks))).toBe(b.sha256);
      }
      // a second restore into the now-filled database is refused
      await expect(restoreBackup({ from: out, databaseUrl: target.toString(), store, stagingDir: path.join(tmp, "restore-tmp") })).rejects.toThrow(/empty/);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${target.pathname.slice(1)} WITH (FORCE)`);
      await admin.end();
    }

    // one flipped byte in a table file, or a backup from a newer hub, is refused before anything is written
    const { readBackup } = await import("../../lib/backup/restore-backup");
    const file = path.join(out, manifest.tables[0]!.file);
    const bytes = await readFile(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    await writeFile(file, bytes);
    await expect(readBackup(out)).rejects.toThrow(/damaged/);
    await writeFile(path.join(out, "manifest.json"), JSON.stringify({ ...manifest, version: 2 }));
    await expect(readBackup(out)).rejects.toThrow(/not a Modelhub backup manifest/);
    expect((await readdir(out)).sort()).toEqual(["blobs", "blobs.tsv", "db", "manifest.json"]);
  });
});
