// DELETE /api/repos/delete with a JSON body (hub-api.md §2.3).
import { requireActor } from "@/lib/http/api-actor";
import { apiRoute, corsPreflight, json } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/parse-json";
import { repoFor } from "@/lib/repos/find-repo";
import { deleteRepo } from "@/lib/repos/manage-repo";
import { deleteRepoSchema } from "@/lib/validations/repo-api";

export const DELETE = apiRoute(async (req: Request) => {
  const actor = await requireActor(req);
  const body = await parseJsonBody(req, deleteRepoSchema);
  const repo = await repoFor(actor, body.organization ?? actor.username, body.name, "write");
  await deleteRepo(repo.id);
  return json({});
});

export const OPTIONS = corsPreflight;
