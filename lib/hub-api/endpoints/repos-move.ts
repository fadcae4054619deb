// POST /api/repos/move {fromRepo, toRepo, type} (HF move_repo): rename a repo or move it
// to another namespace; the old address redirects until it is taken again.
import { z } from "zod";
import { badRequest } from "../../errors";
import { json } from "../../http/reply";
import { moveRepo, parseRepoId } from "../../repos/move-repo";
import { endpoint } from "../endpoint";

const schema = z.object({ fromRepo: z.string().max(200), toRepo: z.string().max(200), type: z.string().max(20).optional() });

export const moveRepoEndpoint = endpoint({
  json: schema,
  handle: async ({ actor, body, origin }) => {
    if (body.type && body.type !== "model") throw badRequest("Only model repositories are hosted here");
    const to = await moveRepo(actor, parseRepoId(body.fromRepo, "fromRepo"), parseRepoId(body.toRepo, "toRepo"));
    return json({ url: `${origin}/${to.owner}/${to.name}`, id: `${to.owner}/${to.name}` });
  },
});
