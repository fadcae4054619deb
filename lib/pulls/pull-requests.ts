// Pull requests: a discussion that proposes the commits on its own branch,
// "refs/pr/{num}", for a target branch. Anyone who can read a repo may open one
// (that is how outsiders contribute); its author and the repo's writers add
// commits to it; only writers merge. A merge is three-way at file level against
// the merge base and lands as one merge commit through commitFiles, so the
// target branch moves atomically or not at all.
import type { Actor } from "../auth/actor";
import { can } from "../auth/can";
import { db } from "../db/client";
import { badRequest, conflict, forbidden, notFound, revisionNotFound, unauthorized } from "../errors";
import { commitFiles, type CommitInput, type CommitOperation, type CommitResult } from "../repos/commit-files";
import { fileChange, type FileChange } from "../repos/commit-detail";
import type { RepoRow } from "../repos/find-repo";
import { TreeReader, type FileEntry } from "../repos/tree-entries";
import { notifyDiscussionEvent } from "../community/notifications";
import { emitRepoEvent } from "../webhooks/emit";

export const PR_REF = /^refs\/pr\/(\d{1,9})$/;
export const prBranch = (num: number) => `refs/pr/${num}`;
const MAX_TITLE = 200;
const pullNotFound = (num: number) => notFound(`Pull request #${num} not found`);

type Who = { id: string; username: string; email: string };
const who = (a: Actor): Who => ({ id: a.userId, username: a.username, email: a.email });

function proposer(actor: Actor | null, repo: RepoRow): Actor {
  if (!actor) throw unauthorized("Sign in to open a pull request");
  if (!can(actor, "participate", repo)) throw forbidden(actor.via === "token" && actor.tokenRole !== "write" ? "This token is read-only" : "This token cannot propose changes to this repo");
  return actor;
}

async function branchHead(repoId: string, branch: string): Promise<string> {
  const ref = await db().ref.findUnique({ where: { repoId_kind_name: { repoId, kind: "branch", name: branch } }, select: { commitId: true } });
  if (!ref) throw revisionNotFound(branch);
  return ref.commitId;
}

/** Opens a pull request whose branch starts at the target's head; a draft until it gets a commit. */
export async function openPullRequest(actor: Actor | null, repo: RepoRow, input: { title: string; description?: string; target?: string; draft?: boolean }) {
  const a = proposer(actor, repo);
  const title = input.title.trim();
  if (!title || title.length > MAX_TITLE) throw badRequest(`A title is 1 to ${MAX_TITLE} characters`);
  const target = input.target ?? "main";
  if (PR_REF.test(target)) throw badRequest("A pull request targets a branch, not another pull request");
  const base = await branchHead(repo.id, target);
  const d = await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Repo" WHERE id = ${repo.id} FOR UPDATE`; // per-repo numbers
    const last = await tx.discussion.findFirst({ where: { repoId: repo.id }, orderBy: { num: "desc" }, select: { num: true } });
    const num = (last?.num ?? 0) + 1;
    const made = await tx.discussion.create({
      data: { repoId: repo.id, num, title, authorId: a.userId, isPullRequest: true, status: input.draft === false ? "open" : "draft", targetBranch: target, mergeBase: base },
    });
    await tx.ref.create({ data: { repoId: repo.id, kind: "branch", name: prBranch(num), commitId: base } });
    const body = input.description?.trim();
    if (body) await tx.comment.create({ data: { discussionId: made.id, authorId: a.userId, body: body.slice(0, 64 * 1024) } });
    return made;
  });
  await notifyDiscussionEvent({ actorId: a.userId, repo, discussionId: d.id, num: d.num, title: d.title, body: input.description ?? "", isNew: true, event: "pull_request" });
  await emitRepoEvent(repo.id, "pr", "create", { discussion: d });
  return d;
}

async function pullRow(repoId: string, num: number) {
  const d = await db().discussion.findUnique({ where: { repoId_num: { repoId, num } } });
  if (!d?.isPullRequest) throw pullNotFound(num);
  return d;
}

/** Whether the actor may commit to a pull request's branch: its author (still able to propose) or a repo writer. */
export async function assertCanCommitToPull(actor: Actor | null, repo: RepoRow, num: number) {
  const a = proposer(actor, repo);
  const d = await pullRow(repo.id, num);
  if (d.hidden && !can(a, "moderate", repo)) throw pullNotFound(num);
  if (!(d.authorId === a.userId || can(a, "write", repo))) throw forbidden(`Only the author of pull request #${num} and the repo's writers can add commits to it`);
  if (d.status === "merged" || d.status === "closed") throw conflict(`Pull request #${num} is ${d.status}: reopen it or open a new one`);
  return d;
}

/** A commit onto a pull request's branch (the HF clients' `revision="refs/pr/N"`). */
export async function commitToPull(actor: Actor | null, repo: RepoRow, num: number, commit: Omit<CommitInput, "repoId" | "branch" | "author">): Promise<CommitResult> {
  const d = await assertCanCommitToPull(actor, repo, num);
  const result = await commitFiles({ ...commit, repoId: repo.id, branch: prBranch(num), author: who(actor!) });
  await db().discussion.update({ where: { id: d.id }, data: { updatedAt: new Date(), ...(d.status === "draft" ? { status: "open" } : {}) } });
  await emitRepoEvent(repo.id, "pr", "update", { discussion: { ...d, status: d.status === "draft" ? "open" : d.status }, commitId: result.commitId });
  return result;
}

/** create_pr=1: a new pull request holding exactly this commit. */
export async function commitAsPullRequest(actor: Actor | null, repo: RepoRow, target: string, commit: Omit<CommitInput, "repoId" | "branch" | "author">) {
  const d = await openPullRequest(actor, repo, { title: commit.title, description: commit.description, target });
  try {
    const result = await commitFiles({ ...commit, repoId: repo.id, branch: prBranch(d.num), author: who(actor!) });
    await db().discussion.update({ where: { id: d.id }, data: { status: "open" } });
    return { pull: d, result };
  } catch (e) {
    // no empty pull request left behind by a refused commit
    await db().$transaction([db().ref.deleteMany({ where: { repoId: repo.id, kind: "branch", name: prBranch(d.num) } }), db().discussion.delete({ where: { id: d.id } })]);
    throw e;
  }
}

type Side = Map<string, FileEntry>;
const filesOf = async (reader: TreeReader, commitId: string): Promise<Side> => {
  const c = await db().commit.findUniqueOrThrow({ where: { id: commitId }, select: { treeId: true } });
  return new Map((await reader.listFiles(c.treeId)).map((f) => [f.path, f]));
};
const same = (a: FileEntry | undefined, b: FileEntry | undefined) => (a?.oid ?? null) === (b?.oid ?? null);

function changedPaths(base: Side, side: Side): Set<string> {
  const out = new Set<string>();
  for (const [p, e] of side) if (!same(base.get(p), e)) out.add(p);
  for (const p of base.keys()) if (!side.has(p)) out.add(p);
  return out;
}

/** A path a folder on one side and a file on the other is a conflict too. */
function folderFileClash(path: string, side: Side): boolean {
  const segs = path.split("/");
  for (let i = 1; i < segs.length; i++) if (side.has(segs.slice(0, i).join("/"))) return true;
  const prefix = `${path}/`;
  for (const p of side.keys()) if (p.startsWith(prefix)) return true;
  return false;
}

export type MergePlan = { heads: { target: string; pull: string }; operations: CommitOperation[]; conflicts: string[]; upToDate: boolean };

/** What merging would do now: the operations to apply on the target, or the conflicting paths. */
export async function planMerge(repoId: string, pull: { num: number; targetBranch: string | null; mergeBase: string | null }): Promise<MergePlan> {
  const target = await branchHead(repoId, pull.targetBranch ?? "main");
  const head = await branchHead(repoId, prBranch(pull.num));
  const reader = new TreeReader(db());
  const [base, ours, theirs] = await Promise.all([filesOf(reader, pull.mergeBase ?? target), filesOf(reader, target), filesOf(reader, head)]);
  const proposed = changedPaths(base, theirs);
  const landed = changedPaths(base, ours);
  const conflicts: string[] = [];
  const operations: CommitOperation[] = [];
  for (const path of [...proposed].sort()) {
    const want = theirs.get(path);
    if (same(ours.get(path), want)) continue; // already there
    if (landed.has(path) || (want && folderFileClash(path, ours))) {
      conflicts.push(path);
      continue;
    }
    operations.push(want ? { op: "put", path, sha256: want.sha256, lfs: want.lfs } : { op: "delete", path });
  }
  return { heads: { target, pull: head }, operations, conflicts, upToDate: head === (pull.mergeBase ?? target) };
}

/** Merges an open pull request into its target branch: one merge commit, or 409 with the conflicting paths. */
export async function mergePullRequest(actor: Actor | null, repo: RepoRow, num: number, comment?: string) {
  if (!actor) throw unauthorized("Sign in to merge");
  if (!can(actor, "write", repo)) throw forbidden("Only the repo's writers can merge pull requests");
  const d = await pullRow(repo.id, num);
  if (d.status !== "open") throw conflict(d.status === "draft" ? `Pull request #${num} is a draft with no commits yet` : `Pull request #${num} is ${d.status}`);
  const plan = await planMerge(repo.id, d);
  if (plan.upToDate) throw conflict(`Pull request #${num} has no commits to merge`);
  if (plan.conflicts.length) {
    throw conflict(`Pull request #${num} conflicts with ${d.targetBranch} in ${plan.conflicts.length} file(s): ${plan.conflicts.slice(0, 10).join(", ")}`, { conflicts: plan.conflicts });
  }
  const result = await commitFiles({
    repoId: repo.id,
    branch: d.targetBranch ?? "main",
    author: who(actor),
    // Every file comes from this repo's own pull request branch, checked when its commits were made.
    contentOf: "trusted",
    title: `Merge pull request #${num}: ${d.title}`.slice(0, 500),
    description: comment?.trim() || undefined,
    parentCommit: plan.heads.target, // a target that moved since the plan is refused (412), never merged blindly
    extraParents: [plan.heads.pull],
    operations: plan.operations,
    allowEmpty: true,
  });
  const merged = await db().discussion.update({ where: { id: d.id }, data: { status: "merged", mergedAt: new Date(), mergeCommitId: result.commitId, updatedAt: new Date() } });
  if (comment?.trim()) await db().comment.create({ data: { discussionId: d.id, authorId: actor.userId, body: comment.trim().slice(0, 64 * 1024) } });
  await notifyDiscussionEvent({ actorId: actor.userId, repo, discussionId: d.id, num, title: d.title, body: "", isNew: false, event: "merged" });
  await emitRepoEvent(repo.id, "pr", "merge", { discussion: merged, commitId: result.commitId });
  return { ...merged, commitId: result.commitId };
}

export type PullCommit = { id: string; title: string; author: string | null; createdAt: Date };

/** The pull request's own commits (first-parent, newest first), and what it changes against its merge base. */
export async function pullRequestChanges(repoId: string, pull: { num: number; mergeBase: string | null; mergeCommitId: string | null; status: string }): Promise<{ commits: PullCommit[]; files: FileChange[]; head: string }> {
  const head = await branchHead(repoId, prBranch(pull.num));
  const base = pull.mergeBase ?? head;
  const commits = await db().$queryRaw<PullCommit[]>`
    WITH RECURSIVE chain(id, depth) AS (
      SELECT ${head}::text, 0
      UNION ALL
      SELECT c."parentIds"[1], chain.depth + 1 FROM "Commit" c JOIN chain ON c.id = chain.id
      WHERE chain.depth < 250 AND cardinality(c."parentIds") > 0 AND c.id <> ${base}
    )
    SELECT c.id, c.title, u.username AS author, c."createdAt"
    FROM chain JOIN "Commit" c ON c.id = chain.id LEFT JOIN "User" u ON u.id = c."authorId"
    WHERE c.id <> ${base} ORDER BY chain.depth`;
  const reader = new TreeReader(db());
  const [before, after] = await Promise.all([filesOf(reader, base), filesOf(reader, head)]);
  const paths = [...changedPaths(before, after)].sort().slice(0, 300);
  const files = await Promise.all(
    paths.map((p) => fileChange(p, !before.has(p) ? "add" : !after.has(p) ? "delete" : "modify", before.get(p) ?? null, after.get(p) ?? null)),
  );
  return { commits, files, head };
}
