// The card's base_model, when it names a model on this hub that the viewer can read.
import type { Actor } from "../auth/actor";
import { can } from "../auth/can";
import { findRepo } from "./find-repo";

export async function localBaseModel(actor: Actor | null, baseModel: unknown): Promise<string | null> {
  const ids = (Array.isArray(baseModel) ? baseModel : [baseModel]).filter((v): v is string => typeof v === "string").slice(0, 10);
  for (const id of ids) {
    const [owner, name, ...more] = id.split("/");
    if (!owner || !name || more.length) continue;
    const repo = await findRepo(owner, name);
    if (repo && can(actor, "read", repo)) return `${owner}/${name}`;
  }
  return null;
}
