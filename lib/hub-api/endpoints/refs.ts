// Refs and history: GET /api/models/{id}/refs, GET …/commits/{rev}, POST|DELETE
// …/branch/{name}, POST …/tag/{rev} {tag}, DELETE …/tag/{name} (hub-api.md §2.13),
// POST …/super-squash/{branch} {message} (HF super_squash_history).
import { z } from "zod";
import { badRequest } from "../../errors";
import { json } from "../../http/reply";
import { listCommits } from "../../repos/list-commits";
import { createRef, deleteRef, listRefs } from "../../repos/refs";
import { resolveRevision } from "../../repos/resolve-revision";
import { superSquash } from "../../repos/super-squash";
import { repoEndpoint, KIB } from "../endpoint";
import { boolParam } from "../model-json";

export const refs = repoEndpoint({
  handle: async ({ repo, query }) => {
    const { pullRequests, ...r } = await listRefs(repo.id);
    return json({ ...r, converts: [], ...(boolParam(query.get("include_prs")) ? { pullRequests } : {}) });
  },
});

export const commits = repoEndpoint({
  handle: async ({ repo, rest, query, url, origin }) => {
    const limit = Math.min(Math.max(Number(query.get("limit") ?? 50) || 50, 1), 1000);
    const page = Math.min(Math.max(0, Number(query.get("p") ?? 0) || 0), 1_000_000);
    const { commitId } = await resolveRevision(repo.id, rest.join("/") || "main");
    const items = await listCommits(commitId, { limit: limit + 1, skip: page * limit });
    const headers: Record<string, string> = {};
    if (items.length > limit) {
      const next = new URL(url.pathname + url.search, origin);
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
  },
});

// The body is optional: an empty one means "from main".
const branchSchema = z.object({ startingPoint: z.string().max(200).optional(), emptyBranch: z.boolean().optional() });

export const createBranch = repoEndpoint({
  json: branchSchema, limit: 64 * KIB, emptyAs: {},
  handle: async ({ repo, rest, body }) => {
    if (body.emptyBranch) throw badRequest("Empty branches are not supported");
    return json(await createRef(repo.id, "branch", rest.join("/"), body.startingPoint ?? "main"));
  },
});

export const deleteBranch = repoEndpoint({
  handle: async ({ repo, rest }) => {
    await deleteRef(repo.id, "branch", rest.join("/"));
    return json({});
  },
});

const tagSchema = z.object({ tag: z.string().max(200), message: z.string().max(64 * KIB).optional() });

export const createTag = repoEndpoint({
  json: tagSchema, limit: 128 * KIB,
  handle: async ({ repo, rest, body }) => json(await createRef(repo.id, "tag", body.tag, rest.join("/") || "main")),
});

export const deleteTag = repoEndpoint({
  handle: async ({ repo, rest }) => {
    await deleteRef(repo.id, "tag", rest.join("/"));
    return json({});
  },
});

export const superSquashEndpoint = repoEndpoint({
  json: z.object({ message: z.string().max(10 * KIB).optional() }),
  emptyAs: {},
  handle: async ({ actor, repo, rest, body }) => {
    const branch = rest.join("/") || "main";
    return json(await superSquash({ repoId: repo.id, branch, author: { id: actor!.userId, username: actor!.username }, message: body.message ?? `Super-squash branch '${branch}'` }));
  },
});
