// PUT /api/models/{id}/settings {private | visibility, gated} (hub-api.md §2.13), and
// Modelhub's allowForcePush (may `git push --force` rewrite the default branch).
import { z } from "zod";
import { setGating } from "../../gating/access";
import { json } from "../../http/reply";
import { forcePushesAllowed, setForcePushes, setRepoVisibility } from "../../repos/manage-repo";
import { repoEndpoint } from "../endpoint";

const schema = z.object({
  private: z.boolean().optional(),
  visibility: z.enum(["public", "private"]).optional(),
  gated: z.union([z.literal(false), z.enum(["auto", "manual"])]).optional(),
  allowForcePush: z.boolean().optional(),
});

export const settings = repoEndpoint({
  json: schema,
  handle: async ({ actor, repo, body }) => {
    const isPrivate = body.visibility ? body.visibility === "private" : body.private;
    if (isPrivate !== undefined) await setRepoVisibility(repo.id, isPrivate);
    if (body.gated !== undefined) await setGating(actor, repo, body.gated || null);
    if (body.allowForcePush !== undefined) await setForcePushes(repo.id, body.allowForcePush);
    return json({ private: isPrivate ?? repo.private, gated: body.gated ?? repo.gated ?? false, allowForcePush: await forcePushesAllowed(repo.id) });
  },
});
