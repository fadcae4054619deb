// Visitors' actions on a model: POST|DELETE /api/models/{id}/like (HF like/unlike),
// POST …/demo-runs (a visitor's in-browser demo timings, anonymous, rate limited).
import { z } from "zod";
import { can } from "../../auth/can";
import { setLike } from "../../community/likes";
import { DEMO_BACKENDS, recordDemoRun } from "../../demo/demo-runs";
import { forbidden } from "../../errors";
import { json } from "../../http/reply";
import { repoEndpoint } from "../endpoint";

const likeAs = (liked: boolean) =>
  repoEndpoint({
    handle: async ({ actor, repo }) => {
      if (!can(actor, "participate", repo)) throw forbidden("This token cannot like models (read-only, or scoped to another repo)");
      return json(await setLike(actor!.userId, repo.id, liked));
    },
  });

export const like = likeAs(true);
export const unlike = likeAs(false);

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
