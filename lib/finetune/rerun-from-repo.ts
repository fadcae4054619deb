// "Re-run this recipe": read recipe.json from a model's main branch and submit it again.
import type { Actor } from "../auth/actor";
import { badRequest, entryNotFound, HubError } from "../errors";
import { repoFor } from "../repos/find-repo";
import { fileAt } from "../repos/read-files";
import { readBlobText } from "../repos/read-blob";
import { db } from "../db/client";
import { rerunRecipe } from "./jobs";
import { recipeSchema } from "./recipe";

export async function rerunFromRepo(actor: Actor, repoId: string, outputName: string, outputPrivate: boolean) {
  const [owner, name] = repoId.split("/");
  const repo = await repoFor(actor, owner ?? "", name ?? "");
  let text: string | null;
  try {
    const f = await fileAt(repo.id, "main", "recipe.json");
    text = await readBlobText(f.sha256, f.size, 1024 * 1024);
  } catch (e) {
    if (e instanceof HubError && e.status === 404) throw entryNotFound("recipe.json");
    throw e;
  }
  let recipe;
  try {
    recipe = recipeSchema.parse(JSON.parse(text ?? ""));
  } catch {
    throw badRequest("recipe.json is not a valid Modelhub recipe");
  }
  const source = await db().repo.findUnique({ where: { id: repo.id }, select: { sourceJobId: true } });
  return rerunRecipe(actor, recipe, { jobId: source?.sourceJobId ?? null }, outputName, outputPrivate);
}
