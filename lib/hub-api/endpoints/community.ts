// Visitors' actions on a model: POST|DELETE /api/models/{id}/like (HF like/unlike),
// GET …/likers and /api/users/{user}/likes (HF list_repo_likers, list_liked_repos),
// POST …/demo-runs (a visitor's in-browser demo timings, anonymous, rate limited).
import { z } from "zod";
import { can } from "../../auth/can";
import { likedReposOf, likersOf, setLike } from "../../community/likes";
import { DEMO_BACKENDS, recordDemoRun } from "../../demo/demo-runs";
import { forbidden, notFound } from "../../errors";
import { json } from "../../http/reply";
import { endpoint, repoEndpoint } from "../endpoint";

const likeAs = (liked: boolean) =>
  repoEndpoint({
    handle: async ({ actor, repo }) => {
      if (!can(actor, "participate", repo)) throw forbidden("This token cannot like repositories (read-only, or scoped to another repo)");
      return json(await setLike(actor!.userId, repo.id, liked));
    },
  });

export const like = likeAs(true);
export const unlike = likeAs(false);

export const likers = repoEndpoint({
  handle: async ({ repo }) => json((await likersOf(repo.id)).map((u) => ({ user: u.username, fullname: u.username, avatarUrl: "", type: u.isOrg ? "org" : "user" }))),
});

export const userLikes = endpoint({
  handle: async ({ actor, params }) => {
    const liked = await likedReposOf(actor, params.user!);
    if (!liked) throw notFound(`User ${params.user} not found`);
    return json(liked.map((l) => ({ createdAt: l.likedAt.toISOString(), repo: { name: l.id, type: l.type } })));
  },
});

const demoRunSchema = z
  .object({ commit: z.string().regex(/^[0-9a-f]{40}$/), backend: z.enum(DEMO_BACKENDS), cached: z.boolean(), loadMs: z.number().finite().min(0).max(3_600_000), firstMs: z.number().finite().min(0).max(3_600_000) })
  .strict();

export const demoRuns = repoEndpoint({
  json: demoRunSchema, limit: 4096,
  handle: async ({ repo, body }) => {
    await recordDemoRun(repo.id, body);
    return json({ recorded: true });
  },
});
