// The real git and git-lfs clients against the hub: clone (anonymous, with a token,
// shallow), pull after a web commit, push of commits, branches and tags with LFS
// files, and the pushes the hub refuses. Commit ids are git's everywhere.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { gitCommitBody, gitObjectOid } from "../../lib/repos/git-objects";
import { findRepo } from "../../lib/repos/find-repo";
import { createRepo } from "../../lib/repos/create-repo";
import { moveRepo } from "../../lib/repos/move-repo";
import { objectsDirOf } from "../../lib/git/object-cache";
import { seedTfjsDemos } from "../../lib/demo/seed-tfjs-demos";
import { openPullRequest } from "../../lib/pulls/pull-requests";
import { setGating } from "../../lib/gating/access";
import { startApiServer, type ApiServer } from "../setup/api-server";
import { actorOf, commitText, seedRepo, seedUser } from "../setup/factories";

let server: ApiServer;
let home: string;
let work: string;

beforeAll(async () => {
  server = await startApiServer();
  home = await mkdtemp(path.join(os.tmpdir(), "git-home-"));
  work = await mkdtemp(path.join(os.tmpdir(), "git-work-"));
  await git(home, "config", "--global", "user.name", "Test Pusher");
  await git(home, "config", "--global", "user.email", "pusher@example.test");
  await git(home, "config", "--global", "init.defaultBranch", "main");
  await git(home, "lfs", "install", "--skip-repo");
});
afterAll(async () => {
  await server.close();
  await rm(home, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

// Async on purpose: the hub serves from this same process, so a blocking spawn would deadlock.
function git(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return run(cwd, args, {});
}

function run(cwd: string, args: string[], extraEnv: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, GIT_TERMINAL_PROMPT: "0", GIT_CONFIG_NOSYSTEM: "1", LANG: "C", ...extraEnv };
    const child = spawn("git", args, { cwd, env: env as NodeJS.ProcessEnv });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, out, err }));
  });
}

async function ok(cwd: string, ...args: string[]): Promise<string> {
  const r = await git(cwd, ...args);
  if (r.code !== 0) throw new Error(`git ${args.join(" ")} failed (${r.code}):\n${r.err}`);
  return r.out.trim();
}

const url = (repo: string, token?: string) => {
  const u = new URL(`${server.url}/${repo}`);
  if (token) {
    u.username = "user";
    u.password = token;
  }
  return u.toString();
};

const sha256 = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

describe("git clone and fetch", () => {
  it("clones a public repo anonymously, with its LFS files, and the ids are the API's", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const weights = crypto.randomBytes(300_000);
    const { commitId } = await commitText(repo.id, owner, { "config.json": '{"a":1}\n', "model.safetensors": weights, "sub/dir/notes.md": "# notes\n" });
    const dir = path.join(work, `clone-${repo.name}`);
    await ok(work, "clone", url(`${repo.owner}/${repo.name}`), dir);
    expect(await ok(dir, "rev-parse", "HEAD")).toBe(commitId);
    expect(readFileSync(path.join(dir, "config.json"), "utf8")).toBe('{"a":1}\n');
    expect(readFileSync(path.join(dir, "sub/dir/notes.md"), "utf8")).toBe("# notes\n");
    expect(sha256(readFileSync(path.join(dir, "model.safetensors")))).toBe(sha256(weights)); // smudged through the LFS batch API
    expect(await ok(dir, "lfs", "ls-files")).toContain("model.safetensors");
    expect(await ok(dir, "fsck", "--full")).toBe("");
    // .git suffix, ls-remote, shallow
    expect(await ok(work, "ls-remote", url(`${repo.owner}/${repo.name}.git`))).toContain(`${commitId}\trefs/heads/main`);
    const shallow = path.join(work, `shallow-${repo.name}`);
    await ok(work, "clone", "--depth", "1", url(`${repo.owner}/${repo.name}`), shallow);
    expect(await ok(shallow, "rev-list", "--count", "HEAD")).toBe("1");
  });

  it("clones a seeded demo model with its LFS weights", { timeout: 120_000 }, async () => {
    await seedTfjsDemos(() => {}, ["spam-filter-bow"]); // not one seed-demos.test.ts seeds: the suite shares a database
    const dir = path.join(work, "spam-filter-bow");
    await ok(work, "clone", url("modelhub/spam-filter-bow"), dir);
    expect(await ok(dir, "lfs", "ls-files", "--name-only")).toContain("weights.bin");
    const served = Buffer.from(await (await fetch(`${server.url}/modelhub/spam-filter-bow/resolve/main/weights.bin`)).arrayBuffer());
    expect(sha256(readFileSync(path.join(dir, "weights.bin")))).toBe(sha256(served));
    expect(JSON.parse(readFileSync(path.join(dir, "model.json"), "utf8"))).toHaveProperty("weightsManifest");
  });

  it("rebuilds its derived git objects when the cache is gone, as a new hub process would", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const { commitId } = await commitText(repo.id, owner, { "a.txt": "a\n", "w.bin": crypto.randomBytes(20_000) });
    const first = path.join(work, `cache1-${repo.name}`);
    await ok(work, "clone", "-q", url(`${repo.owner}/${repo.name}`), first);
    await rm(path.dirname(objectsDirOf(repo.id)), { recursive: true, force: true });
    const second = path.join(work, `cache2-${repo.name}`);
    await ok(work, "clone", "-q", url(`${repo.owner}/${repo.name}`), second);
    expect(await ok(second, "rev-parse", "HEAD")).toBe(commitId);
    expect(await ok(second, "fsck", "--full")).toBe("");
    expect(await ok(second, "ls-files", "-s")).toBe(await ok(first, "ls-files", "-s"));
  });

  it("clones and pushes a dataset at /datasets/{id}, apart from a model of the same name", async () => {
    const owner = await seedUser();
    const dataset = await createRepo({ owner, name: "rows", type: "dataset", private: false });
    const model = await seedRepo(owner, { name: "rows" });
    const { commitId } = await commitText(dataset.id, owner, { "train.csv": "text,label\na,1\n", "big.parquet": crypto.randomBytes(30_000) });
    await commitText(model.id, owner, { "config.json": "{}\n" });
    const dir = path.join(work, `dataset-${owner.username}`);
    await ok(work, "clone", "-q", url(`datasets/${owner.username}/rows`), dir);
    expect(await ok(dir, "rev-parse", "HEAD")).toBe(commitId);
    expect(readFileSync(path.join(dir, "train.csv"), "utf8")).toBe("text,label\na,1\n");
    expect(await ok(dir, "lfs", "ls-files", "--name-only")).toContain("big.parquet");
    writeFileSync(path.join(dir, "test.csv"), "text,label\nb,0\n");
    await ok(dir, "add", "test.csv");
    await ok(dir, "commit", "-q", "-m", "test split");
    const token = (await createToken(owner.id, "git", "write")).token;
    await ok(dir, "push", "-q", url(`datasets/${owner.username}/rows`, token), "main");
    const files = (await (await fetch(`${server.url}/api/datasets/${owner.username}/rows/tree/main`)).json()) as { path: string }[];
    expect(files.map((f) => f.path)).toContain("test.csv");
    const modelFiles = (await (await fetch(`${server.url}/api/models/${owner.username}/rows/tree/main`)).json()) as { path: string }[];
    expect(modelFiles.map((f) => f.path).sort()).toEqual([".gitattributes", "config.json"]);
  });

  it("follows a moved repo from its old address", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const { commitId } = await commitText(repo.id, owner, { "a.txt": "a\n" });
    const dir = path.join(work, `moved-${repo.name}`);
    await ok(work, "clone", "-q", url(`${repo.owner}/${repo.name}`), dir);
    await moveRepo(await actorOf(owner), { owner: repo.owner, name: repo.name }, { owner: repo.owner, name: `${repo.name}-renamed` });
    const again = path.join(work, `moved2-${repo.name}`);
    await ok(work, "clone", "-q", url(`${repo.owner}/${repo.name}.git`), again);
    expect(await ok(again, "rev-parse", "HEAD")).toBe(commitId);
    const { commitId: next } = await commitText(repo.id, owner, { "b.txt": "b\n" });
    await ok(dir, "pull", "-q", "--ff-only"); // the old remote URL keeps working
    expect(await ok(dir, "rev-parse", "HEAD")).toBe(next);
  });

  it("packs a large repo's derived objects after the first clone, and keeps serving from the pack", { timeout: 120_000 }, async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const files: Record<string, string> = {};
    for (let i = 0; i < 600; i++) files[`d${i % 20}/f${i}.txt`] = `file ${i}\n`;
    await commitText(repo.id, owner, files);
    const objects = objectsDirOf(repo.id);
    await ok(work, "clone", "-q", url(`${repo.owner}/${repo.name}`), path.join(work, `packed1-${repo.name}`));
    const packs = async () => (await readdir(path.join(objects, "pack")).catch(() => [] as string[])).filter((f) => f.endsWith(".pack"));
    await expect.poll(packs, { timeout: 30_000 }).toHaveLength(1);
    const loose = async () => (await readdir(objects)).filter((d) => /^[0-9a-f]{2}$/.test(d)).length;
    await expect.poll(loose, { timeout: 10_000 }).toBe(0); // everything reachable moved into the pack
    // a new commit adds a few loose objects only; clones see it
    const { commitId } = await commitText(repo.id, owner, { "new.txt": "new\n" });
    const second = path.join(work, `packed2-${repo.name}`);
    await ok(work, "clone", "-q", url(`${repo.owner}/${repo.name}`), second);
    expect(await ok(second, "rev-parse", "HEAD")).toBe(commitId);
    expect(await ok(second, "fsck", "--full")).toBe("");
    expect(await loose()).toBeLessThan(10);
  });

  it("pulls a web commit", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const dir = path.join(work, `pull-${repo.name}`);
    await ok(work, "clone", url(`${repo.owner}/${repo.name}`), dir);
    const { commitId } = await commitText(repo.id, owner, { "new.txt": "from the web\n" });
    await ok(dir, "pull", "--ff-only");
    expect(await ok(dir, "rev-parse", "HEAD")).toBe(commitId);
    expect(readFileSync(path.join(dir, "new.txt"), "utf8")).toBe("from the web\n");
  });

  it("serves commits made before git serving existed with their recorded ids, rebuilding their bodies once", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const { commitId: parent } = await commitText(repo.id, owner, { "a.txt": "a\n" });
    const row = await db().commit.findUniqueOrThrow({ where: { id: parent } });
    // an old web commit: the author's account details, UTC, no stored body
    const date = new Date("2025-01-02T03:04:05Z");
    const body = gitCommitBody({ treeId: row.treeId, parentIds: [parent], author: { name: owner.username, email: owner.email }, date, message: "Old commit\n\nFrom before." });
    const id = gitObjectOid("commit", body);
    await db().commit.create({ data: { id, treeId: row.treeId, parentIds: [parent], authorId: owner.id, title: "Old commit", description: "From before.", createdAt: date } });
    await db().ref.update({ where: { repoId_kind_name: { repoId: repo.id, kind: "branch", name: "main" } }, data: { commitId: id } });
    const dir = path.join(work, `legacy-${repo.name}`);
    await ok(work, "clone", url(`${repo.owner}/${repo.name}`), dir);
    expect(await ok(dir, "rev-parse", "HEAD")).toBe(id);
    expect(await ok(dir, "log", "-1", "--format=%an|%s|%b")).toBe(`${owner.username}|Old commit|From before.`);
    expect((await db().commit.findUniqueOrThrow({ where: { id } })).raw).not.toBeNull();
  });

  it("asks for credentials for a private repo, and clones it with a token", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner, { private: true });
    const r = await git(work, "clone", url(`${repo.owner}/${repo.name}`), path.join(work, `nope-${repo.name}`));
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/could not read Username|Authentication failed|terminal prompts disabled/);
    const { token } = await createToken(owner.id, "git", "read");
    const dir = path.join(work, `priv-${repo.name}`);
    await ok(work, "clone", url(`${repo.owner}/${repo.name}`, token), dir);
    expect(await ok(dir, "log", "--format=%s")).toBe("initial commit");
    const other = await seedUser();
    const { token: otherToken } = await createToken(other.id, "git", "write");
    await ok(dir, "commit", "-q", "--allow-empty", "-m", "a stranger's commit");
    const denied = await git(work, "clone", url(`${repo.owner}/${repo.name}`, otherToken), path.join(work, `denied-${repo.name}`));
    expect(denied.err).toMatch(/not found/i);
  });
});

describe("git push", () => {
  it("lands commits with their ids, authors, time zones and executable bits; LFS files download byte for byte", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const { token } = await createToken(owner.id, "git", "write");
    const dir = path.join(work, `push-${repo.name}`);
    await ok(work, "clone", url(`${repo.owner}/${repo.name}`, token), dir);
    await ok(dir, "lfs", "track", "*.bin");
    const big = crypto.randomBytes(2_000_000);
    writeFileSync(path.join(dir, "weights.bin"), big);
    writeFileSync(path.join(dir, "run.sh"), "#!/bin/sh\necho hi\n");
    chmodSync(path.join(dir, "run.sh"), 0o755);
    await ok(dir, "add", ".");
    await run(dir, ["commit", "-q", "-m", "Add weights\n\nWith a body line."], {
      GIT_AUTHOR_DATE: "2024-03-01T10:00:00+05:30",
      GIT_COMMITTER_DATE: "2024-03-02T11:00:00-08:00",
      GIT_AUTHOR_NAME: "Ada",
      GIT_AUTHOR_EMAIL: "ada@example.test",
    });
    const head = await ok(dir, "rev-parse", "HEAD");
    const push = await git(dir, "push", "origin", "main");
    expect(push.code, push.err).toBe(0);
    expect(push.err).toMatch(/Modelhub: 1 new commit/);

    const info = await (await server.call("GET", `/api/models/${repo.owner}/${repo.name}`)).json();
    expect(info.sha).toBe(head);
    const res = await fetch(`${server.url}/${repo.owner}/${repo.name}/resolve/${head}/weights.bin`);
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(big));
    // a fresh clone gets back exactly the commit git made
    const again = path.join(work, `again-${repo.name}`);
    await ok(work, "clone", url(`${repo.owner}/${repo.name}`), again);
    expect(await ok(again, "cat-file", "-p", "HEAD")).toBe(await ok(dir, "cat-file", "-p", "HEAD"));
    expect(await ok(again, "log", "-1", "--format=%ad|%cd", "--date=iso-strict")).toBe("2024-03-01T10:00:00+05:30|2024-03-02T11:00:00-08:00");
    expect(statSync(path.join(again, "run.sh")).mode & 0o111).not.toBe(0);
  });

  it("pushes branches, lightweight and annotated tags, and deletes a branch", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const { token } = await createToken(owner.id, "git", "write");
    const dir = path.join(work, `refs-${repo.name}`);
    await ok(work, "clone", url(`${repo.owner}/${repo.name}`, token), dir);
    await ok(dir, "checkout", "-q", "-b", "dev");
    writeFileSync(path.join(dir, "dev.txt"), "dev\n");
    await ok(dir, "add", ".");
    await ok(dir, "commit", "-q", "-m", "dev work");
    await ok(dir, "tag", "v1");
    await ok(dir, "tag", "-a", "v2", "-m", "release two");
    const out = await git(dir, "push", "origin", "dev", "v1", "v2");
    expect(out.code, out.err).toBe(0);
    const refs = await (await server.call("GET", `/api/models/${repo.owner}/${repo.name}/refs`)).json();
    const dev = await ok(dir, "rev-parse", "dev");
    expect(refs.branches.map((b: { name: string }) => b.name).sort()).toEqual(["dev", "main"]);
    expect(refs.tags.map((t: { name: string; targetCommit: string }) => [t.name, t.targetCommit]).sort()).toEqual([["v1", dev], ["v2", dev]]);
    const remote = await ok(work, "ls-remote", url(`${repo.owner}/${repo.name}`));
    expect(remote).toContain(`${await ok(dir, "rev-parse", "v2")}\trefs/tags/v2`); // the tag object itself
    expect(remote).toContain(`${dev}\trefs/tags/v2^{}`);
    expect((await git(dir, "push", "origin", "--delete", "dev")).code).toBe(0);
    expect(await ok(work, "ls-remote", "--heads", url(`${repo.owner}/${repo.name}`))).not.toContain("refs/heads/dev");
  });

  it("refuses what it must, with the reason: no access, read tokens, history rewrites of main, big files outside LFS, symlinks", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const { token } = await createToken(owner.id, "git", "write");
    const { token: readToken } = await createToken(owner.id, "git-read", "read");
    const stranger = await seedUser();
    const { token: strangerToken } = await createToken(stranger.id, "git", "write");
    const dir = path.join(work, `refuse-${repo.name}`);
    await ok(work, "clone", url(`${repo.owner}/${repo.name}`, token), dir);
    writeFileSync(path.join(dir, "a.txt"), "a\n");
    await ok(dir, "add", ".");
    await ok(dir, "commit", "-q", "-m", "a");
    const anon = await git(dir, "push", url(`${repo.owner}/${repo.name}`), "main");
    expect(anon.code).not.toBe(0);
    expect((await git(dir, "push", url(`${repo.owner}/${repo.name}`, readToken), "main")).err).toMatch(/read-only/);
    expect((await git(dir, "push", url(`${repo.owner}/${repo.name}`, strangerToken), "main")).err).toMatch(/cannot push|pull request/i);
    expect((await git(dir, "push", "origin", "main")).code).toBe(0);

    // a rewrite of main is refused even when forced
    await ok(dir, "commit", "-q", "--amend", "-m", "a, amended");
    const forced = await git(dir, "push", "--force", "origin", "main");
    expect(forced.code).not.toBe(0);
    expect(forced.err).toMatch(/not a fast-forward.*force pushes/s);
    await ok(dir, "reset", "-q", "--hard", "origin/main");

    // a web commit meanwhile: a stale push is refused, nothing is lost
    await commitText(repo.id, owner, { "web.txt": "web\n" });
    writeFileSync(path.join(dir, "b.txt"), "b\n");
    await ok(dir, "add", ".");
    await ok(dir, "commit", "-q", "-m", "b");
    expect((await git(dir, "push", "origin", "main")).err).toMatch(/rejected|fetch first/);
    await ok(dir, "pull", "-q", "--no-rebase", "--no-edit");
    expect((await git(dir, "push", "origin", "main")).code).toBe(0);

    // 11 MiB outside LFS
    writeFileSync(path.join(dir, "huge.dat"), crypto.randomBytes(11 * 1024 * 1024));
    await ok(dir, "add", ".");
    await ok(dir, "commit", "-q", "-m", "huge");
    const big = await git(dir, "push", "origin", "main");
    expect(big.code).not.toBe(0);
    expect(big.err).toMatch(/git lfs track "\*\.dat"/);
    await ok(dir, "reset", "-q", "--hard", "origin/main");

    // a symlink
    mkdirSync(path.join(dir, "links"));
    symlinkSync("../a.txt", path.join(dir, "links/a"));
    await ok(dir, "add", ".");
    await ok(dir, "commit", "-q", "-m", "link");
    expect((await git(dir, "push", "origin", "main")).err).toMatch(/symbolic link/);
  });

  it("lets the repo allow force pushes to main; other branches can always be forced", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const { token } = await createToken(owner.id, "git", "write");
    const dir = path.join(work, `force-${repo.name}`);
    await ok(work, "clone", url(`${repo.owner}/${repo.name}`, token), dir);
    await ok(dir, "checkout", "-q", "-b", "dev");
    writeFileSync(path.join(dir, "d.txt"), "d\n");
    await ok(dir, "add", ".");
    await ok(dir, "commit", "-q", "-m", "d");
    await ok(dir, "push", "-q", "origin", "dev");
    await ok(dir, "commit", "-q", "--amend", "-m", "d, amended");
    expect((await git(dir, "push", "--force", "origin", "dev")).code).toBe(0);

    await ok(dir, "checkout", "-q", "main");
    await ok(dir, "commit", "-q", "--amend", "-m", "initial, rewritten");
    expect((await git(dir, "push", "--force", "origin", "main")).code).not.toBe(0);
    const res = await server.call("PUT", `/api/models/${repo.owner}/${repo.name}/settings`, { token, json: { allowForcePush: true } });
    expect(await res.json()).toMatchObject({ allowForcePush: true });
    const forced = await git(dir, "push", "--force", "origin", "main");
    expect(forced.code, forced.err).toBe(0);
    const info = await (await server.call("GET", `/api/models/${repo.owner}/${repo.name}`)).json();
    expect(info.sha).toBe(await ok(dir, "rev-parse", "HEAD"));
  });

  it("fetches and pushes pull request refs: the author and writers may, others may not", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const author = await seedUser();
    const { token } = await createToken(author.id, "git", "write");
    const pr = await openPullRequest(await actorOf(author), (await findRepo(repo.owner, repo.name))!, { title: "Better config" });
    const dir = path.join(work, `pr-${repo.name}`);
    await ok(work, "clone", url(`${repo.owner}/${repo.name}`, token), dir);
    await ok(dir, "fetch", "-q", "origin", `refs/pr/${pr.num}`);
    await ok(dir, "checkout", "-q", "FETCH_HEAD");
    writeFileSync(path.join(dir, "config.json"), '{"better":true}\n');
    await ok(dir, "add", ".");
    await ok(dir, "commit", "-q", "-m", "better config");
    const push = await git(dir, "push", "origin", `HEAD:refs/pr/${pr.num}`);
    expect(push.code, push.err).toBe(0);
    const head = await ok(dir, "rev-parse", "HEAD");
    expect(await ok(work, "ls-remote", url(`${repo.owner}/${repo.name}`), `refs/pr/${pr.num}`)).toBe(`${head}\trefs/pr/${pr.num}`);
    expect(await ok(work, "ls-remote", "--heads", url(`${repo.owner}/${repo.name}`))).not.toContain(head); // main did not move

    const other = await seedUser();
    const { token: otherToken } = await createToken(other.id, "git", "write");
    await ok(dir, "commit", "-q", "--allow-empty", "-m", "a stranger's commit");
    const denied = await git(dir, "push", url(`${repo.owner}/${repo.name}`, otherToken), `HEAD:refs/pr/${pr.num}`);
    expect(denied.code).not.toBe(0);
    expect(denied.err).toMatch(/Only the author of pull request/);
  });

  it("speaks protocol v0 as well as v2, and refuses submodules", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const { token } = await createToken(owner.id, "git", "write");
    const dir = path.join(work, `v0-${repo.name}`);
    await ok(work, "-c", "protocol.version=0", "clone", url(`${repo.owner}/${repo.name}`, token), dir);
    writeFileSync(path.join(dir, "v0.txt"), "v0\n");
    await ok(dir, "add", ".");
    await ok(dir, "commit", "-q", "-m", "over v0");
    const pushed = await git(dir, "-c", "protocol.version=0", "push", "origin", "main");
    expect(pushed.code, pushed.err).toBe(0);
    expect(await ok(work, "-c", "protocol.version=0", "ls-remote", url(`${repo.owner}/${repo.name}`), "refs/heads/main")).toContain(await ok(dir, "rev-parse", "HEAD"));

    const sub = await ok(dir, "rev-parse", "HEAD");
    await ok(dir, "update-index", "--add", "--cacheinfo", `160000,${sub},vendor/lib`);
    await ok(dir, "commit", "-q", "-m", "a submodule");
    const refused = await git(dir, "push", "origin", "main");
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/vendor\/lib" is a submodule/);
  });
});

describe("git-lfs against the hub", () => {
  const batch = (repo: string, token: string | undefined, objects: { oid: string; size: number }[]) =>
    fetch(`${server.url}/${repo}.git/info/lfs/objects/batch`, {
      method: "POST",
      headers: { "Content-Type": "application/vnd.git-lfs+json", Accept: "application/vnd.git-lfs+json", "User-Agent": "git-lfs/3.3.0", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ operation: "download", transfers: ["basic"], objects }),
    });

  it("downloads only objects in the repo's history, with ranges, through URLs that cannot be forged", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const other = await seedRepo(owner);
    const old = crypto.randomBytes(50_000);
    const elsewhere = crypto.randomBytes(40_000);
    const { commitId } = await commitText(repo.id, owner, { "old.bin": old });
    await commitText(repo.id, owner, { "other.txt": "x" }, { parentCommit: commitId });
    await commitText(other.id, owner, { "elsewhere.bin": elsewhere });
    const id = `${repo.owner}/${repo.name}`;
    const res = await batch(id, undefined, [{ oid: sha256(old), size: old.length }, { oid: sha256(elsewhere), size: elsewhere.length }]);
    expect(res.status).toBe(200);
    const { objects } = await res.json();
    expect(objects[1]).toMatchObject({ oid: sha256(elsewhere), error: { code: 404 } }); // held by another repo: not served here
    const href: string = objects[0].actions.download.href;
    const ranged = await fetch(href, { headers: { Range: "bytes=10-19" } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(old.subarray(10, 20));
    expect(sha256(Buffer.from(await (await fetch(href)).arrayBuffer()))).toBe(sha256(old));
    const forged = href.replace(sha256(old), sha256(elsewhere));
    expect((await fetch(forged)).status).toBe(403);
  });

  it("keeps gated files behind granted access, for git and the batch alike", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const weights = crypto.randomBytes(30_000);
    await commitText(repo.id, owner, { "w.bin": weights });
    await setGating(await actorOf(owner), (await findRepo(repo.owner, repo.name))!, "manual");
    const visitor = await seedUser();
    const { token } = await createToken(visitor.id, "git", "read");
    const id = `${repo.owner}/${repo.name}`;
    const clone = await git(work, "clone", url(id, token), path.join(work, `gated-${repo.name}`));
    expect(clone.code).not.toBe(0);
    expect(clone.err).toMatch(/gated|access/i);
    expect((await batch(id, token, [{ oid: sha256(weights), size: weights.length }])).status).toBe(403);
  });

  it("answers the locks API as a server without locking", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const { token } = await createToken(owner.id, "git", "write");
    const dir = path.join(work, `locks-${repo.name}`);
    await ok(work, "clone", url(`${repo.owner}/${repo.name}`, token), dir);
    expect(await ok(dir, "lfs", "locks")).toBe("");
    const lock = await git(dir, "lfs", "lock", "README.md");
    expect(lock.code).not.toBe(0);
    expect(lock.err + lock.out).toMatch(/does not support Git LFS file locking|not supported|501/i);
  });
});
