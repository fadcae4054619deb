// Forks, lineage and tensor diffs: POST /api/models/{id}/fork (and …/duplicate, HF
// duplicate_repo: the same zero-copy fork), GET …/lineage,
// GET|POST …/upstream, GET …/tensor-diff?base&head[&baseRepo].
import { repoHref } from "../../repos/repo-type";
import { z } from "zod";
import { compareRevisions, baseRepoFor } from "../../diff/compare-revisions";
import { badRequest, notFound } from "../../errors";
import { forkRepo } from "../../forks/fork-repo";
import { syncFromUpstream, upstreamStatus } from "../../forks/upstream-status";
import { assertFileAccess } from "../../gating/access";
import { json } from "../../http/reply";
import { modelTree } from "../../lineage/model-tree";
import { namespaceOwner } from "../../orgs/orgs";
import { repoEndpoint } from "../endpoint";

const forkSchema = z.object({ name: z.string().max(96).optional(), private: z.boolean().optional(), organization: z.string().max(96).optional() });

export const fork = repoEndpoint({
  json: forkSchema,
  handle: async ({ actor, repo, body, origin }) => {
    const a = actor!;
    await assertFileAccess(a, repo, null); // a gated model's files reach a fork only through granted access
    const owner = await namespaceOwner(a, body.organization ?? a.username);
    const made = await forkRepo({ owner, actor: { id: a.userId }, source: repo, name: body.name, private: body.private });
    return json({ id: `${made.owner}/${made.name}`, url: `${origin}${repoHref({ type: repo.type, owner: made.owner, name: made.name })}`, notes: made.notes });
  },
});

const duplicateSchema = z.object({ repository: z.string().max(200), visibility: z.enum(["public", "private"]).optional(), private: z.boolean().optional() });

export const duplicate = repoEndpoint({
  json: duplicateSchema,
  handle: async ({ actor, repo, body, origin }) => {
    const a = actor!;
    const [ns, name, ...extra] = body.repository.split("/");
    if (!ns || !name || extra.length) throw badRequest("repository is namespace/name");
    await assertFileAccess(a, repo, null);
    const owner = await namespaceOwner(a, ns);
    const isPrivate = body.visibility ? body.visibility === "private" : body.private;
    const made = await forkRepo({ owner, actor: { id: a.userId }, source: repo, name, private: isPrivate });
    return json({ url: `${origin}${repoHref({ type: repo.type, owner: made.owner, name: made.name })}`, id: `${made.owner}/${made.name}`, notes: made.notes });
  },
});

export const lineage = repoEndpoint({ handle: async ({ actor, repo }) => json(await modelTree(actor, repo)) });

export const upstream = repoEndpoint({
  handle: async ({ actor, repo }) => {
    const status = await upstreamStatus(actor, repo);
    if (!status) throw notFound("This repository is not a fork of a model you can read");
    return json(status);
  },
});

export const syncUpstream = repoEndpoint({ handle: async ({ actor, repo }) => json(await syncFromUpstream(actor, repo)) });

export const tensorDiff = repoEndpoint({
  handle: async ({ actor, repo, query }) => {
    const baseRepo = await baseRepoFor(actor, repo, query.get("baseRepo"));
    // Tensor digests are read from the weights: both sides need the right to read their files.
    await assertFileAccess(actor, repo, null);
    if (baseRepo.id !== repo.id) await assertFileAccess(actor, baseRepo, null);
    const c = await compareRevisions({ repo: baseRepo, rev: query.get("base") ?? "main" }, { repo, rev: query.get("head") ?? "main" });
    return json(c, { status: c.state.status === "queued" || c.state.status === "running" ? 202 : 200 });
  },
});
