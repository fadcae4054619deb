// POST /api/repos/move {fromRepo, toRepo, type} (HF move_repo): rename a repo or move it
// to another namespace; the old address redirects until it is taken again.
import { z } from "zod";
import { json } from "../../http/reply";
import { moveRepo, parseRepoId } from "../../repos/move-repo";
import { repoHref } from "../../repos/repo-type";
import { repoTypeOf } from "../../validations/repo-api";
import { endpoint } from "../endpoint";

const schema = z.object({ fromRepo: z.string().max(200), toRepo: z.string().max(200), type: z.string().max(20).optional() });

export const moveRepoEndpoint = endpoint({
  json: schema,
  handle: async ({ actor, body, origin }) => {
    const type = repoTypeOf(body.type);
    const to = await moveRepo(actor, parseRepoId(body.fromRepo, "fromRepo"), parseRepoId(body.toRepo, "toRepo"), type);
    return json({ url: `${origin}${repoHref({ type, ...to })}`, id: `${to.owner}/${to.name}` });
  },
});
