// /api/models/{ns}/{name}[/…]: the per-model HF endpoints (hub-api.md §2.4, 2.6,
// 2.7, 2.9, 2.11, 2.13). Raw path segments are parsed here because revisions may
// hold "/" and arrive raw or %2F-encoded (§1).
import { z } from "zod";
import { db } from "../db/client";
import { HubError, badRequest, entryNotFound, forbidden, unauthorized } from "../errors";
import { apiActor } from "../http/api-actor";
import { json, rawSegments, requestOrigin } from "../http/api-route";
import { parseJsonBody, readTextBody } from "../http/parse-json";
import { commitFiles } from "../repos/commit-files";
import { repoFor, type RepoRow } from "../repos/find-repo";
import { listCommits } from "../repos/list-commits";
import { deleteRepo, setRepoVisibility } from "../repos/manage-repo";
import { listPath } from "../repos/read-files";
import { createRef, deleteRef, listRefs } from "../repos/refs";
import { resolveRevision, splitRevisionPath } from "../repos/resolve-revision";
import { TreeReader, type Listed } from "../repos/tree-entries";
import { MAX_COMMIT_BODY, parseCommitNdjson } from "./commit-ndjson";
import { boolParam, expandParam, modelJson } from "./model-json";
import { preupload, preuploadSchema } from "./preupload";
import { lastCommits, treeEntryJson } from "./tree-json";
import { baseRepoFor, compareRevisions } from "../diff/compare-revisions";
import { forkRepo } from "../forks/fork-repo";
import { syncFromUpstream, upstreamStatus } from "../forks/upstream-status";
import { modelTree } from "../lineage/model-tree";
import { setLike } from "../community/likes";
import { DEMO_BACKENDS, recordDemoRun } from "../demo/demo-runs";
import { PR_REF, assertCanCommitToPull, commitAsPullRequest, commitToPull } from "../pulls/pull-requests";
import { can, canPropose } from "../auth/can";
import { checkRateLimit, requestAddress, withHeaders, type RateAction } from "../ratelimit/rate-limit";
import { namespaceOwner } from "../orgs/orgs";
import { scansFor, securityFileStatus } from "../scan/scan-status";
import { isPicklePath } from "../scan/queue-scans";

import { discussionsApi } from "./discussions-api";
import { assertFileAccess, decideAccess, listAccessRequests, requestAccess, setGating } from "../gating/access";
import { webhooksApi } from "./webhooks-api";

const TREE_PAGE = 1000;

export type Ctx = { req: Request; url: URL; repo: RepoRow; rest: string[]; actor: Awaited<ReturnType<typeof apiActor>> };
export type Handler = (c: Ctx) => Promise<Response>;

const rev = (rest: string[]) => rest.slice(1).join("/") || "main";

async function withLastCommits(entries: Listed[], commitId: string, expand: boolean) {
  if (!expand) return entries.map((e) => treeEntryJson(e));
  const files = entries.flatMap((e) => (e.type === "file" ? [e] : []));
  const [last, scans] = await Promise.all([lastCommits(commitId, entries.map((e) => e.path)), scansFor(files)]);
  return entries.map((e) => treeEntryJson(e, last.get(e.path), e.type === "file" && isPicklePath(e.path) ? securityFileStatus(scans.get(e.sha256)) : undefined));
}

const info: Handler = async ({ url, repo, rest }) =>
  json(await modelJson(repo, { rev: rest[0] === "revision" ? rev(rest) : "HEAD", expand: expandParam(url.searchParams), blobs: boolParam(url.searchParams.get("blobs")) }));

const tree: Handler = async ({ req, url, repo, rest }) => {
  const { rev: r, path } = await splitRevisionPath(repo.id, rest.slice(1));
  const { revision, entries } = await listPath(repo.id, r, path, boolParam(url.searchParams.get("recursive")));
  const offset = Math.max(0, Number(Buffer.from(url.searchParams.get("cursor") ?? "", "base64url").toString() || 0) || 0);
  const page = entries.slice(offset, offset + TREE_PAGE);
  const headers: Record<string, string> = {};
  if (offset + TREE_PAGE < entries.length) {
    const next = new URL(url.pathname + url.search, requestOrigin(req));
    next.searchParams.set("cursor", Buffer.from(String(offset + TREE_PAGE)).toString("base64url"));
    headers.Link = `<${next}>; rel="next"`;
  }
  return json(await withLastCommits(page, revision.commitId, boolParam(url.searchParams.get("expand"))), { headers });
};

const pathsInfo: Handler = async ({ req, repo, rest }) => {
  let paths: string[];
  let expand: boolean;
  if ((req.headers.get("content-type") ?? "").includes("application/json")) {
    const body = await parseJsonBody(req, z.object({ paths: z.array(z.string()).max(10_000), expand: z.boolean().optional() }));
    paths = body.paths;
    expand = body.expand ?? false;
  } else {
    const form = new URLSearchParams(await readTextBody(req, 8 * 1024 * 1024)); // PY posts a form (§2.7)
    paths = form.getAll("paths");
    expand = boolParam(form.get("expand"));
  }
  const revision = await resolveRevision(repo.id, rev(rest));
  const reader = new TreeReader(db());
  const found: Listed[] = [];
  for (const p of paths) {
    const e = await reader.entryAt(revision.treeId, p.replace(/^\/+|\/+$/g, ""));
    if (e && p) found.push({ ...e, path: p }); // missing paths are left out silently
  }
  return json(await withLastCommits(found, revision.commitId, expand));
};

/**
 * Writing to a revision: a branch needs write access; a pull request's branch
 * (refs/pr/N) its author or a writer; create_pr=1 only the right to propose.
 */
async function assertCanWriteRevision(actor: Ctx["actor"], repo: RepoRow, revision: string, createPr: boolean): Promise<void> {
  const pr = PR_REF.exec(revision);
  if (pr) return void (await assertCanCommitToPull(actor, repo, Number(pr[1])));
  if (createPr) {
    if (!actor) throw unauthorized("Sign in to open a pull request");
    if (!canPropose(actor, repo)) throw forbidden("This token cannot propose changes to this repo");
    return;
  }
  if (!can(actor, "write", repo)) throw actor ? forbidden(`You cannot write to ${repo.owner.username}/${repo.name}: open a pull request (create_pr=1) instead`) : unauthorized();
}

const preuploadHandler: Handler = async ({ req, url, repo, rest, actor }) => {
  await assertCanWriteRevision(actor, repo, rev(rest), boolParam(url.searchParams.get("create_pr")));
  return json(await preupload(repo.id, rev(rest), await parseJsonBody(req, preuploadSchema, 8 * 1024 * 1024)));
};

const commit: Handler = async ({ req, url, repo, rest, actor }) => {
  const branch = rev(rest) === "HEAD" ? "main" : rev(rest);
  const createPr = boolParam(url.searchParams.get("create_pr"));
  await assertCanWriteRevision(actor, repo, branch, createPr);
  const parsed = await parseCommitNdjson(await readTextBody(req, MAX_COMMIT_BODY));
  const input = {
    title: parsed.summary || `Commit ${parsed.operations.length} file operation(s)`,
    description: parsed.description,
    parentCommit: parsed.parentCommit,
    operations: parsed.operations,
  };
  const repoUrl = `${requestOrigin(req)}/${repo.owner.username}/${repo.name}`;
  const answer = (commitId: string, pullNum?: number) =>
    json({ success: true, commitOid: commitId, commitUrl: `${repoUrl}/commit/${commitId}`, hookOutput: "", ...(pullNum ? { pullRequestUrl: `${repoUrl}/discussions/${pullNum}` } : {}) });
  if (createPr) {
    if (PR_REF.test(branch)) throw badRequest("create_pr opens a new pull request against a branch, not against refs/pr/N");
    const { pull, result } = await commitAsPullRequest(actor, repo, branch, input);
    return answer(result.commitId, pull.num);
  }
  const pr = PR_REF.exec(branch);
  if (pr) return answer((await commitToPull(actor, repo, Number(pr[1]), input)).commitId, Number(pr[1]));
  const result = await commitFiles({ ...input, repoId: repo.id, branch, author: { id: actor!.userId, username: actor!.username, email: actor!.email } });
  return answer(result.commitId);
};

const refs: Handler = async ({ url, repo }) => {
  const { pullRequests, ...r } = await listRefs(repo.id);
  return json({ ...r, converts: [], ...(boolParam(url.searchParams.get("include_prs")) ? { pullRequests } : {}) });
};

const commits: Handler = async ({ req, url, repo, rest }) => {
  const limit = Math.min(Math.max(Number(url.searchParams.get("limit") ?? 50) || 50, 1), 1000);
  const page = Math.max(0, Number(url.searchParams.get("p") ?? 0) || 0);
  const { commitId } = await resolveRevision(repo.id, rev(rest));
  const items = await listCommits(commitId, { limit: limit + 1, skip: page * limit });
  const headers: Record<string, string> = {};
  if (items.length > limit) {
    const next = new URL(url.pathname + url.search, requestOrigin(req));
    next.searchParams.set("p", String(page + 1));
    headers.Link = `<${next}>; rel="next"`;
  }
  return json(
    items.slice(0, limit).map((c) => ({
      id: c.id,
      title: c.title,
      message: c.description ? `${c.title}\n\n${c.description}` : c.title,
      authors: c.author ? [{ user: c.author, avatar: "" }] : [],
      date: c.createdAt.toISOString(),
    })),
    { headers },
  );
};

const branch: Handler = async ({ req, repo, rest }) => {
  const name = rest.slice(1).join("/");
  if (req.method === "DELETE") return deleteRef(repo.id, "branch", name).then(() => json({}));
  // The body is optional: an empty one means "from main".
  const text = (await readTextBody(req, 64 * 1024)).trim();
  let raw: unknown = {};
  try {
    raw = text ? JSON.parse(text) : {};
  } catch {
    throw badRequest("Body is not valid JSON");
  }
  const parsed = z.object({ startingPoint: z.string().max(200).optional(), emptyBranch: z.boolean().optional() }).safeParse(raw);
  if (!parsed.success) throw badRequest(`Invalid branch request: ${parsed.error.issues[0]!.message}`);
  const body = parsed.data;
  if (body.emptyBranch) throw badRequest("Empty branches are not supported");
  return json(await createRef(repo.id, "branch", name, body.startingPoint ?? "main"));
};

const tag: Handler = async ({ req, repo, rest }) => {
  const target = rest.slice(1).join("/");
  if (req.method === "DELETE") return deleteRef(repo.id, "tag", target).then(() => json({}));
  const body = await parseJsonBody(req, z.object({ tag: z.string(), message: z.string().optional() }));
  return json(await createRef(repo.id, "tag", body.tag, target || "main"));
};

const settings: Handler = async ({ req, repo, actor }) => {
  const body = await parseJsonBody(
    req,
    z.object({ private: z.boolean().optional(), visibility: z.enum(["public", "private"]).optional(), gated: z.union([z.literal(false), z.enum(["auto", "manual"])]).optional() }),
  );
  const isPrivate = body.visibility ? body.visibility === "private" : body.private;
  if (isPrivate !== undefined) await setRepoVisibility(repo.id, isPrivate);
  if (body.gated !== undefined) await setGating(actor, repo, body.gated || null);
  return json({ private: isPrivate ?? repo.private, gated: body.gated ?? repo.gated ?? false });
};

// POST /api/models/{id}/ask-access {fields}: a visitor asks for a gated model's files.
const askAccess: Handler = async ({ req, repo, actor }) => {
  const body = await parseJsonBody(req, z.object({ fields: z.record(z.string(), z.union([z.string(), z.boolean()])).optional() }));
  const r = await requestAccess(actor, repo, body.fields ?? {});
  return json({ status: r.status, requestedAt: r.createdAt.toISOString() });
};

// GET …/user-access-request/{pending|accepted|rejected}, POST …/user-access-request/{handle|grant} (huggingface_hub's access-request API).
const accessRequests: Handler = async ({ req, repo, rest, actor }) => {
  const sub = rest[1];
  if (req.method === "GET" && (sub === "pending" || sub === "accepted" || sub === "rejected")) {
    const rows = await listAccessRequests(actor, repo, sub);
    return json(rows.map((r) => ({ user: { user: r.user }, status: r.status, timestamp: r.requestedAt.toISOString(), fields: r.fields, ...(r.reason ? { rejectionReason: r.reason } : {}) })));
  }
  if (req.method === "POST" && (sub === "handle" || sub === "grant")) {
    const body = await parseJsonBody(req, z.object({ user: z.string().min(1).max(96), status: z.enum(["accepted", "rejected", "pending"]).optional(), rejectionReason: z.string().max(1000).optional() }));
    const status = sub === "grant" ? "accepted" : body.status;
    if (!status) throw badRequest("status is accepted, rejected or pending");
    const r = await decideAccess(actor, repo, body.user, status, body.rejectionReason);
    return json({ user: body.user, status: r.status });
  }
  throw new HubError(404, "NotFound", "No such access-request endpoint");
};

// GET /api/models/{id}/tensor-diff?base=REV&head=REV[&baseRepo=ns/name]: 202 while it is computed.
const tensorDiff: Handler = async ({ url, repo, actor }) => {
  const p = url.searchParams;
  const head = p.get("head") ?? "main";
  const baseRepo = await baseRepoFor(actor, repo, p.get("baseRepo"));
  const base = p.get("base") ?? "main";
  const c = await compareRevisions({ repo: baseRepo, rev: base }, { repo, rev: head });
  return json(c, { status: c.state.status === "queued" || c.state.status === "running" ? 202 : 200 });
};

// POST /api/models/{id}/fork {name?, private?, organization?}: a fork in the caller's namespace or an organization they write to (no bytes copied).
const fork: Handler = async ({ req, repo, actor }) => {
  if (!actor) throw unauthorized("Sign in to fork");
  const body = await parseJsonBody(req, z.object({ name: z.string().max(96).optional(), private: z.boolean().optional(), organization: z.string().max(96).optional() }));
  await assertFileAccess(actor, repo, null); // a gated model's files reach a fork only through granted access
  const owner = await namespaceOwner(actor, body.organization ?? actor.username);
  const made = await forkRepo({ owner, actor: { id: actor.userId }, source: repo, name: body.name, private: body.private });
  return json({ id: `${made.owner}/${made.name}`, url: `${requestOrigin(req)}/${made.owner}/${made.name}`, notes: made.notes });
};

// GET /api/models/{id}/lineage: ancestors and children grouped by relation.
const lineage: Handler = async ({ repo, actor }) => json(await modelTree(actor, repo));

// GET /api/models/{id}/upstream: ahead/behind of a fork; POST syncs (fast-forward only).
const upstream: Handler = async ({ req, repo }) => {
  if (req.method === "POST") return json(await syncFromUpstream(repo));
  const status = await upstreamStatus(repo);
  if (!status) throw new HubError(404, "NotFound", "This repository is not a fork of a model that still exists");
  return json(status);
};

// POST|DELETE /api/models/{id}/like: like or unlike (HF `like`/`unlike`).
const like: Handler = async ({ req, repo, actor }) => {
  if (!actor) throw unauthorized("Sign in to like models");
  if (actor.via === "token" && actor.tokenRole !== "write") throw forbidden("This token is read-only");
  return json(await setLike(actor.userId, repo.id, req.method === "POST"));
};

// POST /api/models/{id}/demo-runs: a visitor's in-browser demo timings (anonymous allowed, rate limited).
const demoRuns: Handler = async ({ req, repo }) => {
  const body = await parseJsonBody(
    req,
    z.object({ commit: z.string().regex(/^[0-9a-f]{40}$/), backend: z.enum(DEMO_BACKENDS), cached: z.boolean(), loadMs: z.number(), firstMs: z.number() }).strict(),
    4096,
  );
  await recordDemoRun(repo.id, body);
  return json({ recorded: true });
};

// [method, first segment after the repo id, needs write access, handler, rate-limited action]
const ROUTES: [string, string | undefined, boolean, Handler, RateAction?][] = [
  ["GET", undefined, false, info],
  ["GET", "revision", false, info],
  ["GET", "tree", false, tree],
  ["POST", "paths-info", false, pathsInfo],
  ["POST", "preupload", false, preuploadHandler],
  ["POST", "commit", false, commit, "commit"],
  ["GET", "refs", false, refs],
  ["GET", "tensor-diff", false, tensorDiff],
  ["POST", "fork", false, fork, "fork"],
  ["GET", "lineage", false, lineage],
  ["GET", "discussions", false, discussionsApi],
  ["POST", "discussions", false, discussionsApi, "comment"],
  ["PATCH", "discussions", false, discussionsApi],
  ["GET", "webhooks", true, webhooksApi],
  ["POST", "webhooks", true, webhooksApi],
  ["PATCH", "webhooks", true, webhooksApi],
  ["DELETE", "webhooks", true, webhooksApi],
  ["POST", "demo-runs", false, demoRuns, "demo-run"],
  ["POST", "like", false, like, "like"],
  ["DELETE", "like", false, like, "like"],
  ["GET", "upstream", false, upstream],
  ["POST", "upstream", true, upstream],
  ["GET", "commits", false, commits],
  ["POST", "branch", true, branch],
  ["DELETE", "branch", true, branch],
  ["POST", "tag", true, tag],
  ["DELETE", "tag", true, tag],
  ["PUT", "settings", true, settings],
  ["POST", "ask-access", false, askAccess, "comment"],
  ["GET", "user-access-request", true, accessRequests],
  ["POST", "user-access-request", true, accessRequests],
  ["DELETE", undefined, true, async ({ repo }) => deleteRepo(repo.id).then(() => json({}))],
];

export async function handleModelRequest(req: Request): Promise<Response> {
  const [, , ns, name, ...rest] = rawSegments(req);
  if (!ns || !name) throw entryNotFound("");
  const method = req.method === "HEAD" ? "GET" : req.method;
  const route = ROUTES.find(([m, seg]) => m === method && seg === rest[0]);
  if (!route) throw new HubError(404, "NotFound", `No such endpoint: ${req.method} /api/models/${ns}/${name}/${rest.join("/")}`);
  const actor = await apiActor(req);
  const repo = await repoFor(actor, ns, name, route[2] ? "write" : "read");
  const limits = route[4] ? await checkRateLimit({ userId: actor?.userId ?? null, ip: requestAddress(req.headers) }, route[4]) : {};
  return withHeaders(await route[3]({ req, url: new URL(req.url), repo, rest, actor }), limits);
}
