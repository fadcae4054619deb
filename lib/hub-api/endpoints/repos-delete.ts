// DELETE /api/repos/delete with a JSON body (hub-api.md §2.3), and DELETE /api/models/{id}.
import { json } from "../../http/reply";
import { repoFor } from "../../repos/find-repo";
import { deleteRepo } from "../../repos/manage-repo";
import { deleteRepoSchema, repoTypeOf } from "../../validations/repo-api";
import { endpoint, repoEndpoint } from "../endpoint";

export const deleteRepoByBody = endpoint({
  json: deleteRepoSchema,
  handle: async ({ actor, body }) => {
    const repo = await repoFor(actor, body.organization ?? actor!.username, body.name, "write", repoTypeOf(body.type));
    await deleteRepo(repo.id);
    return json({});
  },
});

export const deleteRepoById = repoEndpoint({
  handle: async ({ repo }) => {
    await deleteRepo(repo.id);
    return json({});
  },
});
