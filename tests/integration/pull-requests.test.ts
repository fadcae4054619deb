// Pull requests through the HF protocol (create_pr, refs/pr/N, discussions API,
// merge) and the web editor: who may do what, three-way merges, conflicts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../lib/auth/tokens";
import { grantContent } from "../../lib/blobs/possession";
import { startApiServer, type ApiServer } from "../setup/api-server";
import { findRepo } from "../../lib/repos/find-repo";
import { fileAt } from "../../lib/repos/read-files";
import { readBlobText } from "../../lib/repos/read-blob";
import { db } from "../../lib/db/client";
import { saveFileEdit } from "../../lib/pulls/edit-file";
import { commitText, seedRepo, seedUser } from "../setup/factories";

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(() => server.close());

function ndjson(summary: string, files: Record<string, string>, deleted: string[] = []) {
  return [
    JSON.stringify({ key: "header", value: { summary } }),
    ...Object.entries(files).map(([path, text]) => JSON.stringify({ key: "file", value: { path, content: Buffer.from(text).toString("base64"), encoding: "base64" } })),
    ...deleted.map((path) => JSON.stringify({ key: "deletedFile", value: { path } })),
  ].join("\n");
}

async function api(token: string | null, method: string, path: string, body?: string | object, type = "application/json") {
  const res = await server.call(method, `/api/models/${path}`, {
    token: token ?? undefined,
    headers: body !== undefined ? { "Content-Type": type } : {},
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, any> };
}

async function text(repoId: string, rev: string, path: string) {
  const f = await fileAt(repoId, rev, path);
  return readBlobText(f.sha256, f.size);
}

async function setup() {
  const [owner, alice, bob] = await Promise.all([seedUser(), seedUser(), seedUser()]);
  const r = await seedRepo(owner);
  await commitText(r.id, owner, { "README.md": "# Model\n", "config.json": '{"layers": 2}\n', "notes.txt": "a\nb\nc\n" });
  const tokens = {
    owner: (await createToken(owner.id, "w", "write")).token,
    alice: (await createToken(alice.id, "w", "write")).token,
    aliceRead: (await createToken(alice.id, "r", "read")).token,
    bob: (await createToken(bob.id, "w", "write")).token,
  };
  return { id: `${owner.username}/${r.name}`, repo: (await findRepo(owner.username, r.name))!, owner, alice, bob, tokens };
}

describe("pull requests", () => {
  it("let an outsider propose with create_pr, add commits on refs/pr/N, and the owner merge them", async () => {
    const { id, repo, tokens, alice } = await setup();
    // no write access: a direct commit is refused, a pull request is not
    expect((await api(tokens.alice, "POST", `${id}/commit/main`, ndjson("direct", { "x.txt": "x" }), "application/x-ndjson")).status).toBe(403);
    expect((await api(tokens.aliceRead, "POST", `${id}/commit/main?create_pr=1`, ndjson("ro", { "x.txt": "x" }), "application/x-ndjson")).status).toBe(403);
    expect((await api(tokens.alice, "POST", `${id}/preupload/main?create_pr=1`, { files: [{ path: "x.txt", size: 1, sample: "eA==" }] })).status).toBe(200);
    const made = await api(tokens.alice, "POST", `${id}/commit/main?create_pr=1`, ndjson("Bump layers", { "config.json": '{"layers": 4}\n' }), "application/x-ndjson");
    expect(made.status).toBe(200);
    expect(made.body.pullRequestUrl).toBe(`${server.url}/${id}/discussions/1`);
    expect(await text(repo.id, "main", "config.json")).toBe('{"layers": 2}\n'); // main untouched
    expect(await text(repo.id, "refs/pr/1", "config.json")).toBe('{"layers": 4}\n');

    // the author adds a commit (the Python client's revision="refs/pr/1", %2F-encoded); a stranger cannot
    const more = await api(tokens.alice, "POST", `${id}/commit/refs%2Fpr%2F1`, ndjson("Add a file, drop notes", { "extra.txt": "new\n" }, ["notes.txt"]), "application/x-ndjson");
    expect(more.status).toBe(200);
    expect((await api(tokens.bob, "POST", `${id}/commit/refs%2Fpr%2F1`, ndjson("hijack", { "x.txt": "x" }), "application/x-ndjson")).status).toBe(403);

    // refs: the PR branch is listed apart, and cannot be made or deleted by hand
    const refs = await api(tokens.owner, "GET", `${id}/refs?include_prs=1`);
    expect(refs.body.branches.map((b: { name: string }) => b.name)).toEqual(["main"]);
    expect(refs.body.pullRequests).toEqual([{ name: "refs/pr/1", ref: "refs/pr/1", targetCommit: more.body.commitOid }]);
    expect((await api(tokens.owner, "POST", `${id}/branch/refs/pr/9`)).status).toBe(400);
    expect((await api(tokens.owner, "DELETE", `${id}/branch/refs%2Fpr%2F1`)).status).toBe(403);

    // details: commits, files, no conflicts; the list marks it as a pull request
    const details = await api(tokens.aliceRead, "GET", `${id}/discussions/1`);
    expect(details.body).toMatchObject({ isPullRequest: true, status: "open", changes: { base: "refs/heads/main" }, filesWithConflicts: [] });
    expect(details.body.events.filter((e: { type: string }) => e.type === "commit").map((e: { data: { subject: string } }) => e.data.subject)).toEqual(["Bump layers", "Add a file, drop notes"]) // oldest first;
    expect(details.body.files.map((f: { path: string; op: string }) => `${f.op} ${f.path}`)).toEqual(["modify config.json", "add extra.txt", "delete notes.txt"]);
    expect((await api(tokens.aliceRead, "GET", `${id}/discussions?type=pull_request`)).body.discussions.map((d: { num: number; isPullRequest: boolean }) => [d.num, d.isPullRequest])).toEqual([[1, true]]);

    // meanwhile main moves on an unrelated file: still mergeable (three-way at file level)
    await commitText(repo.id, { id: repo.ownerId, username: repo.owner.username, email: "o@x.test" }, { "README.md": "# Model v2\n" });
    expect((await api(tokens.alice, "POST", `${id}/discussions/1/merge`, {})).status).toBe(403); // only writers merge
    const merged = await api(tokens.owner, "POST", `${id}/discussions/1/merge`, { comment: "Thanks!" });
    expect(merged.status).toBe(200);
    expect(await text(repo.id, "main", "config.json")).toBe('{"layers": 4}\n');
    expect(await text(repo.id, "main", "README.md")).toBe("# Model v2\n");
    expect(await text(repo.id, "main", "extra.txt")).toBe("new\n");
    await expect(fileAt(repo.id, "main", "notes.txt")).rejects.toMatchObject({ status: 404 });
    const mergeCommit = await db().commit.findUniqueOrThrow({ where: { id: merged.body.mergeCommitId } });
    expect(mergeCommit.parentIds).toHaveLength(2);
    expect(mergeCommit.parentIds[1]).toBe(more.body.commitOid);
    expect(mergeCommit.title).toBe("Merge pull request #1: Bump layers");
    const after = await api(tokens.aliceRead, "GET", `${id}/discussions/1`);
    expect(after.body).toMatchObject({ status: "merged", changes: { mergeCommitId: merged.body.mergeCommitId } });
    // a merged pull request takes no more commits, cannot be merged again or reopened
    expect((await api(tokens.alice, "POST", `${id}/commit/refs%2Fpr%2F1`, ndjson("late", { "y.txt": "y" }), "application/x-ndjson")).status).toBe(409);
    expect((await api(tokens.owner, "POST", `${id}/discussions/1/merge`, {})).status).toBe(409);
    expect((await api(tokens.owner, "POST", `${id}/discussions/1/status`, { status: "open" })).status).toBe(400);
    expect(alice.username).toBeTruthy();
  });

  it("report conflicts instead of merging, and open again once they are gone", async () => {
    const { id, repo, tokens, owner } = await setup();
    await api(tokens.bob, "POST", `${id}/commit/main?create_pr=1`, ndjson("Edit notes", { "notes.txt": "a\nB\nc\n" }), "application/x-ndjson");
    await commitText(repo.id, owner, { "notes.txt": "a\nb\nC\n" });
    const refused = await api(tokens.owner, "POST", `${id}/discussions/1/merge`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.conflicts).toEqual(["notes.txt"]);
    expect((await api(tokens.aliceRead, "GET", `${id}/discussions/1`)).body.filesWithConflicts).toEqual(["notes.txt"]);
    const head = (await db().ref.findFirstOrThrow({ where: { repoId: repo.id, name: "main" } })).commitId;
    // the target is untouched by the refused merge
    expect(await text(repo.id, "main", "notes.txt")).toBe("a\nb\nC\n");
    // main agrees with the PR again: the file is no longer a conflict and the merge goes through
    await commitText(repo.id, owner, { "notes.txt": "a\nB\nc\n" }, { parentCommit: head });
    const ok = await api(tokens.owner, "POST", `${id}/discussions/1/merge`, {});
    expect(ok.status).toBe(200);
  });

  it("open drafts by the discussions API, close and reopen them, and keep them per repo", async () => {
    const { id, tokens } = await setup();
    const draft = await api(tokens.bob, "POST", `${id}/discussions`, { title: "WIP quantization", description: "coming", pullRequest: true });
    expect(draft.body).toMatchObject({ num: 1, status: "draft", isPullRequest: true });
    expect((await api(tokens.owner, "POST", `${id}/discussions/1/merge`, {})).status).toBe(409); // nothing to merge yet
    await api(tokens.bob, "POST", `${id}/commit/refs%2Fpr%2F1`, ndjson("q4", { "q4.txt": "q" }), "application/x-ndjson");
    expect((await api(tokens.aliceRead, "GET", `${id}/discussions/1`)).body.status).toBe("open");
    expect((await api(tokens.bob, "POST", `${id}/discussions/1/status`, { status: "closed", comment: "later" })).body.status).toBe("closed");
    expect((await api(tokens.bob, "POST", `${id}/commit/refs%2Fpr%2F1`, ndjson("x", { "x.txt": "x" }), "application/x-ndjson")).status).toBe(409);
    expect((await api(tokens.bob, "POST", `${id}/discussions/1/status`, { status: "open" })).body.status).toBe("open");
    // a plain discussion shares the numbering
    expect((await api(tokens.bob, "POST", `${id}/discussions`, { title: "Question", description: "?" })).body).toMatchObject({ num: 2, isPullRequest: false });
    expect((await api(tokens.aliceRead, "GET", `${id}/discussions?type=discussion`)).body.discussions.map((d: { num: number }) => d.num)).toEqual([2]);
  });

  it("take the web uploader's files as a pull request from someone who cannot write", async () => {
    const { storeBytes } = await import("../../lib/repos/ingest-blob");
    const { repo, tokens, alice } = await setup();
    const [owner, name] = [repo.owner.username, repo.name];
    const blob = await storeBytes(Buffer.from("weights"));
    await grantContent(alice.id, [blob.sha256]); // as the uploader's LFS transfer does
    const post = (token: string, createPr: boolean) =>
      server.call("POST", `/api/upload-commit/${owner}/${name}`, { token, json: { summary: "Add weights", files: [{ path: "w.bin", sha256: blob.sha256 }], ...(createPr ? { createPr } : {}) } });
    expect((await post(tokens.alice, false)).status).toBe(403);
    const res = await post(tokens.alice, true);
    expect(res.status).toBe(200);
    expect((await res.json()).pullRequest).toBe(1);
    expect((await fileAt(repo.id, "refs/pr/1", "w.bin")).sha256).toBe(blob.sha256);
    // the LFS batch lets a proposer store content, but not with a read-only token
    const batch = (token: string) =>
      server.call("POST", `/${owner}/${name}.git/info/lfs/objects/batch`, {
        token,
        headers: { "Content-Type": "application/vnd.git-lfs+json" },
        body: JSON.stringify({ operation: "upload", transfers: ["basic"], objects: [{ oid: "a".repeat(64), size: 10 }] }),
      });
    expect((await batch(tokens.alice)).status).toBe(200);
    expect((await batch(tokens.aliceRead)).status).toBe(403);
  });

  it("save web edits as a commit for writers and as a pull request for everyone else", async () => {
    const { repo, owner, alice } = await setup();
    const as = (u: typeof owner) => ({ userId: u.id, username: u.username, email: u.email, isAdmin: false, via: "session" as const, orgs: [] });
    const direct = await saveFileEdit(as(owner), repo, { branch: "main", path: "README.md", content: "# Edited\r\n", summary: "", asPullRequest: false });
    expect(direct.pullRequest).toBeUndefined();
    expect(await text(repo.id, "main", "README.md")).toBe("# Edited\n");
    const proposed = await saveFileEdit(as(alice), repo, { branch: "main", path: "README.md", content: "# Better\n", summary: "Improve the card", asPullRequest: false });
    expect(proposed.pullRequest).toBe(1);
    expect(await text(repo.id, "main", "README.md")).toBe("# Edited\n");
    expect(await text(repo.id, "refs/pr/1", "README.md")).toBe("# Better\n");
    await expect(saveFileEdit(as(alice), repo, { branch: "main", path: "../x", content: "x", summary: "", asPullRequest: true })).rejects.toMatchObject({ status: 400 });
    await expect(saveFileEdit(null, repo, { branch: "main", path: "a.txt", content: "x", summary: "", asPullRequest: true })).rejects.toMatchObject({ status: 401 });
    // a refused commit leaves no empty pull request behind
    await expect(saveFileEdit(as(alice), repo, { branch: "main", path: "README.md", content: "x", summary: "", parentCommit: "0".repeat(40), asPullRequest: true })).rejects.toMatchObject({ status: 412 });
    expect(await db().discussion.count({ where: { repoId: repo.id } })).toBe(1);
  });
});
