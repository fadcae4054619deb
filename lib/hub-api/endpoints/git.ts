// Git's smart HTTP protocol at /{owner}/{name}(.git)/info/refs, /git-upload-pack and
// /git-receive-pack (no dumb HTTP). Credentials are HTTP Basic with an API token as
// the password (or a Bearer token): a caller without them is asked for them (401 with
// a Basic challenge) where a token could help, so git prompts or asks its helper.
import type { Actor } from "../../auth/actor";
import { can } from "../../auth/can";
import { badRequest, credentialsRequired, forbidden, repoNotFound } from "../../errors";
import { assertFileAccess } from "../../gating/access";
import { advertiseRefs, gitRequestBody, protocolOf, receivePack, uploadPack, type GitService } from "../../git/git-service";
import { stream, type Reply } from "../../http/reply";
import { movedReply } from "../moved-reply";
import { findRepo, type RepoRow } from "../../repos/find-repo";
import { movedTo } from "../../repos/repo-redirects";
import type { RepoType } from "../../repos/repo-type";
import { endpoint, type Ctx } from "../endpoint";

const NO_CACHE = { "Cache-Control": "no-cache, max-age=0, must-revalidate", Expires: "Fri, 01 Jan 1980 00:00:00 GMT", Pragma: "no-cache" };
const MAX_NEGOTIATION_BYTES = 64 * 1024 ** 2;
const MAX_PUSH_BYTES = 2 * 1024 ** 3;

/** The repo for a git request: 401 with a challenge for anonymous callers who might see more with a token. */
async function gitRepo(actor: Actor | null, ns: string, rawName: string, service: GitService, type: RepoType): Promise<RepoRow> {
  const name = rawName.replace(/\.git$/, "");
  const repo = await findRepo(ns, name, type);
  const id = `${type === "dataset" ? "datasets/" : ""}${ns}/${name}`;
  if (!repo || !can(actor, "read", repo)) {
    if (!actor) throw credentialsRequired(`Repository ${id} not found, or private: use an access token as the password`);
    throw repoNotFound(id);
  }
  if (service === "git-receive-pack") {
    if (!actor) throw credentialsRequired(`Pushing to ${id} needs an access token with write access as the password`);
    // Writers push branches and tags; those who may propose changes push to their pull requests (refs/pr/N), checked per ref.
    if (!can(actor, "participate", repo)) throw forbidden(actor.via === "token" && actor.tokenRole !== "write" ? "This token is read-only: push with a write token" : `You cannot push to ${id}`);
  } else {
    // Everything in the tree travels with a clone: a gated model needs granted access.
    await assertFileAccess(actor, repo, null);
  }
  return repo;
}

/** A moved repo's old address: git follows a redirect of its first request (info/refs) and keeps the new URL. */
async function redirectIfMoved(ctx: Ctx<undefined>): Promise<Reply | null> {
  const ns = ctx.params.ns!;
  const raw = ctx.params.name!;
  const name = raw.replace(/\.git$/, "");
  if (await findRepo(ns, name, ctx.repoType)) return null;
  const to = await movedTo(ctx.actor, ns, name, ctx.repoType);
  if (!to) return null;
  return movedReply(ctx.parts, ctx.repoType === "dataset" ? 1 : 0, ctx.url.search, to);
}

function serviceOf(value: string | null): GitService {
  if (value === "git-upload-pack" || value === "git-receive-pack") return value;
  throw forbidden("This hub speaks git's smart HTTP protocol only: use git 1.6.6 or later");
}

const contentType = (service: GitService, kind: "advertisement" | "result") => ({ "Content-Type": `application/x-${service}-${kind}` });

export const infoRefs = endpoint({
  handle: async (ctx: Ctx<undefined>): Promise<Reply> => {
    const { actor, params, query, req } = ctx;
    const service = serviceOf(query.get("service"));
    const moved = await redirectIfMoved(ctx);
    if (moved) return moved;
    const repo = await gitRepo(actor, params.ns!, params.name!, service, ctx.repoType);
    const body = await advertiseRefs(repo, service, protocolOf(req.headers["git-protocol"] as string | undefined));
    return stream(body, { headers: { ...contentType(service, "advertisement"), ...NO_CACHE } });
  },
});

function checkRequestType(ctx: Ctx<undefined>, service: GitService): void {
  if (ctx.req.headers["content-type"] !== `application/x-${service}-request`) throw badRequest(`Expected Content-Type: application/x-${service}-request`);
}

export const uploadPackEndpoint = endpoint({
  handle: async (ctx: Ctx<undefined>): Promise<Reply> => {
    checkRequestType(ctx, "git-upload-pack");
    const moved = await redirectIfMoved(ctx);
    if (moved) return moved;
    const repo = await gitRepo(ctx.actor, ctx.params.ns!, ctx.params.name!, "git-upload-pack", ctx.repoType);
    const input = gitRequestBody(ctx.req, ctx.req.headers["content-encoding"] as string | undefined, MAX_NEGOTIATION_BYTES);
    const body = await uploadPack(repo, input, protocolOf(ctx.req.headers["git-protocol"] as string | undefined));
    return stream(body, { headers: { ...contentType("git-upload-pack", "result"), ...NO_CACHE } });
  },
});

export const receivePackEndpoint = endpoint({
  handle: async (ctx: Ctx<undefined>): Promise<Reply> => {
    checkRequestType(ctx, "git-receive-pack");
    const repo = await gitRepo(ctx.actor, ctx.params.ns!, ctx.params.name!, "git-receive-pack", ctx.repoType);
    const input = gitRequestBody(ctx.req, ctx.req.headers["content-encoding"] as string | undefined, MAX_PUSH_BYTES);
    const body = await receivePack(repo, ctx.actor!, input);
    return stream(body, { headers: { ...contentType("git-receive-pack", "result"), ...NO_CACHE } });
  },
});
