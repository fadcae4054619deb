// /api/models/{ns}/{name}[/…]: the per-model HF endpoints (hub-api.md §2.4, 2.6,
// 2.7, 2.9, 2.11, 2.13). Raw path segments are parsed here because revisions may
// hold "/" and arrive raw or %2F-encoded (§1).
import { z } from "zod";
import { db } from "../db/client";
import { HubError, badRequest, entryNotFound } from "../errors";
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

const TREE_PAGE = 1000;

type Ctx = { req: Request; url: URL; repo: RepoRow; rest: string[]; actor: Awaited<ReturnType<typeof apiActor>> };
type Handler = (c: Ctx) => Promise<Response>;

const rev = (rest: string[]) => rest.slice(1).join("/") || "main";

async function withLastCommits(entries: Listed[], commitId: string, expand: boolean) {
  if (!expand) return entries.map((e) => treeEntryJson(e));
  const last = await lastCommits(commitId, entries.map((e) => e.path));
  return entries.map((e) => treeEntryJson(e, last.get(e.path)));
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

const preuploadHandler: Handler = async ({ req, repo, rest }) => json(await preupload(repo.id, rev(rest), await parseJsonBody(req, preuploadSchema, 8 * 1024 * 1024)));

const commit: Handler = async ({ req, url, repo, rest, actor }) => {
  if (boolParam(url.searchParams.get("create_pr"))) throw badRequest("Pull requests (create_pr) are not supported yet");
  const parsed = await parseCommitNdjson(await readTextBody(req, MAX_COMMIT_BODY));
  const branch = rev(rest) === "HEAD" ? "main" : rev(rest);
  const result = await commitFiles({
    repoId: repo.id,
    branch,
    author: { id: actor!.userId, username: actor!.username, email: actor!.email },
    title: parsed.summary || `Commit ${parsed.operations.length} file operation(s)`,
    description: parsed.description,
    parentCommit: parsed.parentCommit,
    operations: parsed.operations,
  });
  const repoUrl = `${requestOrigin(req)}/${repo.owner.username}/${repo.name}`;
  return json({ success: true, commitOid: result.commitId, commitUrl: `${repoUrl}/commit/${result.commitId}`, hookOutput: "" });
};

const refs: Handler = async ({ url, repo }) => {
  const r = await listRefs(repo.id);
  return json({ ...r, converts: [], ...(boolParam(url.searchParams.get("include_prs")) ? { pullRequests: [] } : {}) });
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

const settings: Handler = async ({ req, repo }) => {
  const body = await parseJsonBody(req, z.object({ private: z.boolean().optional(), visibility: z.enum(["public", "private"]).optional() }));
  const isPrivate = body.visibility ? body.visibility === "private" : body.private;
  if (isPrivate !== undefined) await setRepoVisibility(repo.id, isPrivate);
  return json({ private: isPrivate ?? repo.private });
};

// [method, first segment after the repo id, needs write access, handler]
const ROUTES: [string, string | undefined, boolean, Handler][] = [
  ["GET", undefined, false, info],
  ["GET", "revision", false, info],
  ["GET", "tree", false, tree],
  ["POST", "paths-info", false, pathsInfo],
  ["POST", "preupload", true, preuploadHandler],
  ["POST", "commit", true, commit],
  ["GET", "refs", false, refs],
  ["GET", "commits", false, commits],
  ["POST", "branch", true, branch],
  ["DELETE", "branch", true, branch],
  ["POST", "tag", true, tag],
  ["DELETE", "tag", true, tag],
  ["PUT", "settings", true, settings],
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
  return route[3]({ req, url: new URL(req.url), repo, rest, actor });
}
