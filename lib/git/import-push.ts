// What a `git push` lands: the ref updates git received, checked and imported as
// the hub's own commits, trees and contents, all or nothing. Commit and tag objects
// are kept byte for byte (their ids are git's ids); trees become the hub's tree rows
// and must hash back to the ids git gave them; file contents go to the blob store
// like any upload (LFS pointers name contents the pusher uploaded through the LFS
// API). Refused: what the pusher may not write, non-fast-forward updates of the
// default branch (unless the repo allows them), files over 10 MiB outside LFS,
// symlinks and submodules. Everything a web commit triggers follows, in the same
// transaction as the ref updates.
import crypto from "node:crypto";
import type { Actor } from "../auth/actor";
import { can } from "../auth/can";
import { reviveBlobs } from "../blobs/collect-garbage";
import { contentKnownTo, grantContent } from "../blobs/possession";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { HubError } from "../errors";
import { DEFAULT_BRANCH, queueRevisionAnalysis } from "../formats/queue-analysis";
import { assertCanCommitToPull, PR_REF } from "../pulls/pull-requests";
import { assertWithinQuota } from "../quotas/storage-use";
import { filePathProblem } from "../repos/file-paths";
import type { RepoRow } from "../repos/find-repo";
import { gitTreeOid, lfsPointerOid } from "../repos/git-objects";
import { forcePushesAllowed } from "../repos/manage-repo";
import { storeBytes } from "../repos/ingest-blob";
import { storeTrees } from "../repos/store-trees";
import { refNameProblem } from "../repos/refs";
import { diffTrees } from "../repos/tree-diff";
import { TreeReader, type TreeEntry } from "../repos/tree-entries";
import { queuePickleScans } from "../scan/queue-scans";
import { emitRepoEvent } from "../webhooks/emit";
import type { ObjectReader } from "./cat-file";
import { looksLikeLfsPointer, parseCommit, parseLfsPointer, parseTag, parseTree, type ParsedCommit } from "./parse-objects";

export const ZERO_OID = "0".repeat(40);
/** Files above this size must be in LFS, as on the Hugging Face Hub. */
export const MAX_GIT_FILE = 10 * 1024 * 1024;
const MAX_NEW_COMMITS = 100_000;

export type RefUpdate = { old: string; new: string; ref: string };
export type PushResult = { ok: boolean; messages: string[] };

class Refused extends Error {}
const refuse = (message: string): never => {
  throw new Refused(message);
};

type Target = { ref: string; kind: "branch" | "tag"; name: string; pr?: number };

function targetOf(ref: string): Target {
  const pr = PR_REF.exec(ref);
  if (pr) return { ref, kind: "branch", name: ref, pr: Number(pr[1]) };
  const m = /^refs\/(heads|tags)\/(.+)$/.exec(ref);
  if (!m) return refuse(`${ref}: only branches (refs/heads/…), tags (refs/tags/…) and pull requests (refs/pr/N) can be pushed`);
  const problem = refNameProblem(m[2]!) ?? (m[2]!.startsWith("refs/") ? "Ref names cannot start with refs/" : null);
  if (problem) refuse(`${ref}: ${problem}`);
  return { ref, kind: m[1] === "heads" ? "branch" : "tag", name: m[2]! };
}

async function authorize(actor: Actor, repo: RepoRow, t: Target, u: RefUpdate): Promise<void> {
  if (t.pr !== undefined) {
    if (u.new === ZERO_OID) refuse(`${t.ref}: a pull request's branch cannot be deleted (close the pull request instead)`);
    await assertCanCommitToPull(actor, repo, t.pr);
    return;
  }
  if (!can(actor, "write", repo)) {
    refuse(actor.via === "token" && actor.tokenRole !== "write" ? "This token is read-only: push with a write token" : `You cannot push to ${repo.owner.username}/${repo.name}: open a pull request and push to refs/pr/N instead`);
  }
  if (t.kind === "branch" && t.name === DEFAULT_BRANCH && u.new === ZERO_OID) refuse(`${t.ref}: the default branch cannot be deleted`);
}

type FileInfo = { sha256: string; size: number; lfs: boolean };
type NewCommit = { id: string; parsed: ParsedCommit; raw: Buffer };

/** Reads, checks and stages everything the updates bring; nothing is written but tree rows and contents. */
class Importer {
  readonly commits = new Map<string, NewCommit>();
  readonly tags = new Map<string, { raw: Buffer; commitId: string }>();
  readonly trees = new Map<string, TreeEntry[]>();
  private knownTrees = new Set<string>();
  private files = new Map<string, FileInfo>();
  /** Contents in the push itself (not LFS): stored once everything is checked. */
  readonly contents = new Map<string, { path: string; sha256: string }>();
  readonly lfs = new Map<string, { path: string; size: number }>();

  constructor(private readonly reader: ObjectReader) {}

  /** The commit an update points at (through an annotated tag for tags). */
  async tip(t: Target, oid: string): Promise<string> {
    const info = await this.reader.info(oid);
    if (!info) return refuse(`${t.ref}: the pushed object ${oid} is missing`);
    if (info.type === "tag") {
      if (t.kind !== "tag") refuse(`${t.ref}: only tags may point at a tag object`);
      const body = (await this.reader.read(oid))!.body;
      const tag = parseTag(body);
      if (tag.type !== "commit") refuse(`${t.ref}: an annotated tag must name a commit, not a ${tag.type}`);
      this.tags.set(oid, { raw: body, commitId: tag.object });
      return tag.object;
    }
    if (info.type !== "commit") refuse(`${t.ref}: refs must point at commits, not at a ${info.type}`);
    return oid;
  }

  /** Every commit reachable from `tips` that the hub does not have yet. */
  async collectCommits(tips: string[]): Promise<void> {
    let frontier = [...new Set(tips)];
    const seen = new Set<string>();
    while (frontier.length) {
      const fresh = frontier.filter((id) => !seen.has(id));
      fresh.forEach((id) => seen.add(id));
      const known = new Set((await db().commit.findMany({ where: { id: { in: fresh } }, select: { id: true } })).map((c) => c.id));
      const next: string[] = [];
      for (const id of fresh.filter((f) => !known.has(f))) {
        const obj = await this.reader.read(id);
        if (!obj || obj.type !== "commit") refuse(`commit ${id} is missing from the push`);
        const parsed = parseCommit(obj!.body);
        this.commits.set(id, { id, parsed, raw: obj!.body });
        if (this.commits.size > MAX_NEW_COMMITS) refuse(`A push brings at most ${MAX_NEW_COMMITS} new commits: push the history in parts`);
        next.push(...parsed.parents);
      }
      frontier = next;
    }
    for (const c of this.commits.values()) await this.collectTree(c.parsed.tree, "");
  }

  private async collectTree(oid: string, prefix: string): Promise<void> {
    if (this.trees.has(oid) || this.knownTrees.has(oid)) return;
    if (await db().tree.findUnique({ where: { id: oid }, select: { id: true } })) {
      this.knownTrees.add(oid);
      return;
    }
    const obj = await this.reader.read(oid);
    if (!obj || obj.type !== "tree") return refuse(`tree ${oid} is missing from the push`);
    let parsed;
    try {
      parsed = parseTree(obj.body);
    } catch (e) {
      return refuse(`${prefix || "the root folder"}: ${(e as Error).message}`);
    }
    const entries: TreeEntry[] = [];
    for (const e of parsed) {
      const path = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.mode === "40000") {
        await this.collectTree(e.oid, path);
        entries.push({ name: e.name, type: "dir", oid: e.oid });
      } else if (e.mode === "100644" || e.mode === "100755") {
        const problem = filePathProblem(path);
        if (problem) refuse(`"${path}": ${problem}`);
        const f = await this.fileOf(e.oid, path);
        entries.push({ name: e.name, type: "file", oid: e.oid, sha256: f.sha256, size: f.size, lfs: f.lfs, ...(e.mode === "100755" ? { mode: "100755" as const } : {}) });
      } else if (e.mode === "120000") refuse(`"${path}" is a symbolic link: the hub stores files and folders only; commit the file itself`);
      else if (e.mode === "160000") refuse(`"${path}" is a submodule: the hub cannot store links to other repositories; add the files or link to the repo in the model card`);
      else refuse(`"${path}" has the file mode ${e.mode}, which the hub does not keep`);
    }
    // The hub rebuilds this tree from its rows: it must come out as the same object.
    if (gitTreeOid(entries, true) !== oid) refuse(`${prefix || "the root folder"}: tree ${oid} is not in git's canonical form and cannot be stored exactly`);
    this.trees.set(oid, entries);
  }

  private async fileOf(oid: string, path: string): Promise<FileInfo> {
    const hit = this.files.get(oid);
    if (hit) return hit;
    let info: FileInfo;
    const stored = await db().blob.findFirst({ where: { gitOid: oid }, select: { sha256: true, size: true } });
    if (stored) info = { sha256: stored.sha256, size: Number(stored.size), lfs: false };
    else {
      const meta = await this.reader.info(oid);
      if (!meta || meta.type !== "blob") return refuse(`"${path}": its content ${oid} is missing from the push`);
      if (meta.size > MAX_GIT_FILE) {
        const ext = /\.[A-Za-z0-9]{1,10}$/.exec(path)?.[0];
        const pattern = ext ? `*${ext}` : path;
        return refuse(
          `"${path}" is ${(meta.size / 2 ** 20).toFixed(1)} MiB: files over 10 MiB must be stored with Git LFS. ` +
            `Run: git lfs install && git lfs track "${pattern}" && git add .gitattributes, then move the file into LFS ` +
            `(git lfs migrate import --include="${pattern}" rewrites the commits not pushed yet) and push again.`,
        );
      }
      const body = (await this.reader.read(oid))!.body;
      const pointer = looksLikeLfsPointer(body) ? parseLfsPointer(body) : null;
      if (looksLikeLfsPointer(body) && (!pointer || lfsPointerOid(pointer.sha256, pointer.size) !== oid)) {
        refuse(`"${path}" is a Git LFS pointer in a form the hub cannot keep exactly (extensions or extra lines): push it with a current git-lfs`);
      }
      if (pointer) {
        info = { ...pointer, lfs: true };
        this.lfs.set(pointer.sha256, { path, size: pointer.size });
      } else {
        info = { sha256: crypto.createHash("sha256").update(body).digest("hex"), size: body.length, lfs: false };
        this.contents.set(oid, { path, sha256: info.sha256 });
      }
    }
    this.files.set(oid, info);
    return info;
  }

  /** LFS contents named by the push must be on the hub, and the pusher's to name. */
  async checkLfs(actor: Actor): Promise<void> {
    if (!this.lfs.size) return;
    const shas = [...this.lfs.keys()];
    const stored = new Map((await db().blob.findMany({ where: { sha256: { in: shas } }, select: { sha256: true, size: true } })).map((b) => [b.sha256, Number(b.size)]));
    const known = await contentKnownTo(actor, shas);
    for (const [sha, { path, size }] of this.lfs) {
      if (stored.get(sha) !== size || !known.has(sha)) {
        refuse(`"${path}": its LFS content (sha256 ${sha.slice(0, 12)}…) was not uploaded. Is git-lfs installed? Run: git lfs install && git lfs push --all origin`);
      }
    }
  }

  /** Stores the contents the push carried, checking each against the id git gave it. */
  async storeContents(): Promise<void> {
    for (const [oid] of this.contents) {
      const body = (await this.reader.read(oid))!.body;
      const stored = await storeBytes(body);
      if (stored.gitOid !== oid) throw new Error(`content ${oid} was stored as ${stored.gitOid}`);
    }
  }
}

async function isAncestor(tx: Prisma.TransactionClient, older: string, newer: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<[{ ff: boolean }]>`
    WITH RECURSIVE a(id) AS (SELECT ${newer}::text UNION SELECT p FROM a JOIN "Commit" c ON c.id = a.id CROSS JOIN LATERAL unnest(c."parentIds") p)
    SELECT EXISTS (SELECT 1 FROM a WHERE id = ${older}) AS ff`;
  return row.ff;
}

function messageParts(message: string): { title: string; description: string } {
  const text = message.replace(/\r\n/g, "\n").trim();
  const nl = text.indexOf("\n");
  const title = (nl < 0 ? text : text.slice(0, nl)).trim() || "(no message)";
  return { title: title.slice(0, 500), description: nl < 0 ? "" : text.slice(nl + 1).trim() };
}

async function commitRows(importer: Importer, actor: Actor): Promise<Prisma.CommitCreateManyInput[]> {
  const reader = new TreeReader(db());
  const parentTrees = new Map<string, string>();
  const firstParents = [...importer.commits.values()].map((c) => c.parsed.parents[0]).filter((p): p is string => !!p && !importer.commits.has(p));
  for (const c of await db().commit.findMany({ where: { id: { in: firstParents } }, select: { id: true, treeId: true } })) parentTrees.set(c.id, c.treeId);
  const rows: Prisma.CommitCreateManyInput[] = [];
  for (const c of importer.commits.values()) {
    const first = c.parsed.parents[0];
    const fromTree = first ? (importer.commits.get(first)?.parsed.tree ?? parentTrees.get(first) ?? null) : null;
    const { title, description } = messageParts(c.parsed.message);
    rows.push({
      id: c.id,
      treeId: c.parsed.tree,
      parentIds: c.parsed.parents,
      authorId: actor.userId,
      title,
      description,
      changes: await diffTrees(reader, fromTree, c.parsed.tree),
      createdAt: new Date(c.parsed.committer.time * 1000),
      raw: new Uint8Array(c.raw),
    });
  }
  return rows;
}

type Landed = { target: Target; update: RefUpdate; commitId: string | null };

/**
 * Checks and imports a push. `reader` sees the objects git received (quarantined) and
 * the repo's own. Returns the lines to show the pusher and whether the refs may move.
 */
export async function importPush(actor: Actor, repo: RepoRow, updates: RefUpdate[], reader: ObjectReader): Promise<PushResult> {
  const messages: string[] = [];
  try {
    const targets = updates.map((u) => ({ u, t: targetOf(u.ref) }));
    for (const { u, t } of targets) await authorize(actor, repo, t, u);
    const importer = new Importer(reader);
    const landed: Landed[] = [];
    for (const { u, t } of targets) landed.push({ target: t, update: u, commitId: u.new === ZERO_OID ? null : await importer.tip(t, u.new) });
    await importer.collectCommits(landed.flatMap((l) => (l.commitId ? [l.commitId] : [])));
    await importer.checkLfs(actor);
    await assertWithinQuota(repo.ownerId, [...[...importer.contents.values()].map((c) => c.sha256), ...importer.lfs.keys()]);
    const allowForce = await forcePushesAllowed(repo.id);

    // Checked: store what the push carried, then land commits and refs together.
    await importer.storeContents();
    // The pusher sent these bytes: like an upload, they may name them again in later commits.
    await grantContent(actor.userId, [...importer.contents.values()].map((c) => c.sha256));
    await storeTrees(db(), importer.trees);
    const commits = await commitRows(importer, actor);
    const newShas = [...[...importer.contents.values()].map((c) => ({ sha256: c.sha256 })), ...[...importer.lfs.keys()].map((sha256) => ({ sha256 }))];
    await db().$transaction(
      async (tx) => {
        await tx.commit.createMany({ data: commits, skipDuplicates: true });
        if (importer.tags.size) await tx.gitTag.createMany({ data: [...importer.tags].map(([oid, t]) => ({ oid, raw: new Uint8Array(t.raw), commitId: t.commitId })), skipDuplicates: true });
        // contents named again are claimed back from the blob collector
        const shas = [...new Set(newShas.map((s) => s.sha256))];
        if ((await reviveBlobs(shas, tx)) < shas.length) refuse("Some content of this push was removed from storage moments ago: push again");
        for (const l of landed) await moveRef(tx, repo, l, allowForce, messages);
        await queuePickleScans(tx, newShas);
        if (landed.some((l) => l.target.kind === "branch" && l.target.name === DEFAULT_BRANCH && l.commitId)) await queueRevisionAnalysis(tx, repo.id, DEFAULT_BRANCH);
        for (const l of landed.filter((x) => x.target.kind === "branch" && x.commitId && x.target.pr === undefined)) {
          const c = importer.commits.get(l.commitId!);
          await tx.activity.create({ data: { userId: actor.userId, repoId: repo.id, kind: "commit", data: { commitId: l.commitId, title: c ? messageParts(c.parsed.message).title : "push", branch: l.target.name } } });
        }
        await tx.repo.update({ where: { id: repo.id }, data: { updatedAt: new Date() } });
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    await afterLanding(repo, landed);
    const added = importer.commits.size;
    messages.push(`Modelhub: ${added} new commit${added === 1 ? "" : "s"}, ${importer.contents.size} file${importer.contents.size === 1 ? "" : "s"} stored, ${importer.lfs.size} LFS object${importer.lfs.size === 1 ? "" : "s"} linked.`);
    return { ok: true, messages };
  } catch (e) {
    if (e instanceof Refused || e instanceof HubError) return { ok: false, messages: [...messages, e.message] };
    throw e;
  }
}

async function moveRef(tx: Prisma.TransactionClient, repo: RepoRow, l: Landed, allowForce: boolean, messages: string[]): Promise<void> {
  const { target: t, update: u } = l;
  const where = { repoId: repo.id, kind: t.kind, name: t.name } as const;
  const stale = () => refuse(`${t.ref}: it moved since you fetched it (someone pushed or committed on the web). Fetch, merge or rebase, and push again.`);
  if (u.new === ZERO_OID) {
    if ((await tx.ref.deleteMany({ where: { ...where, OR: [{ commitId: u.old, tagOid: null }, { tagOid: u.old }] } })).count !== 1) stale();
    messages.push(`${t.ref}: deleted`);
    return;
  }
  const tagOid = t.kind === "tag" && u.new !== l.commitId ? u.new : null;
  if (u.old === ZERO_OID) {
    if (await tx.ref.findUnique({ where: { repoId_kind_name: where }, select: { name: true } })) stale();
    await tx.ref.create({ data: { ...where, commitId: l.commitId!, tagOid } });
    return;
  }
  if (t.kind === "branch" && !(await isAncestor(tx, u.old, l.commitId!))) {
    if (t.name === DEFAULT_BRANCH && !allowForce) {
      refuse(`${t.ref}: this push rewrites the default branch's history (not a fast-forward). The repo's settings do not allow force pushes to ${DEFAULT_BRANCH}; an owner can allow them under Settings.`);
    }
    messages.push(`${t.ref}: forced update (the previous history is no longer on this branch)`);
  }
  const moved = await tx.ref.updateMany({ where: { ...where, OR: [{ commitId: u.old, tagOid: null }, { tagOid: u.old }] }, data: { commitId: l.commitId!, tagOid, updatedAt: new Date() } });
  if (moved.count !== 1) stale();
}

/** What follows a landed push outside its transaction: pull request state and webhooks. */
async function afterLanding(repo: RepoRow, landed: Landed[]): Promise<void> {
  for (const l of landed) {
    if (l.target.pr !== undefined) {
      const d = await db().discussion.findFirst({ where: { repoId: repo.id, num: l.target.pr } });
      if (d) {
        await db().discussion.update({ where: { id: d.id }, data: { updatedAt: new Date(), ...(d.status === "draft" ? { status: "open" } : {}) } });
        await emitRepoEvent(repo.id, "pr", "update", { discussion: { ...d, status: d.status === "draft" ? "open" : d.status }, commitId: l.commitId ?? undefined });
      }
      continue;
    }
    await emitRepoEvent(repo.id, "repo", l.update.new === ZERO_OID ? "delete" : "update", {
      ref: { name: l.target.ref, oldSha: l.update.old, newSha: l.commitId ?? ZERO_OID },
      ...(l.commitId ? { commitId: l.commitId } : {}),
    });
  }
}
