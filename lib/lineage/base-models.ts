// Lineage from the model card: base_model (one id or a list) and
// base_model_relation, inferred like other hubs do when the card is silent.
import { db } from "../db/client";
import { RELATIONS, type Relation } from "../cards/relations";
import type { ModelOverview } from "../repos/model-overview";

const MODEL_ID = /^[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}$/;

export function baseModelsOf(card: Record<string, unknown>): string[] {
  const raw = Array.isArray(card.base_model) ? card.base_model : [card.base_model];
  return [...new Set(raw.filter((v): v is string => typeof v === "string" && MODEL_ID.test(v.trim())).map((v) => v.trim()))].slice(0, 20);
}

export function relationOf(card: Record<string, unknown>, bases: string[], files: { path: string }[]): Relation | null {
  if (!bases.length) return null;
  const declared = card.base_model_relation;
  if (typeof declared === "string" && (RELATIONS as readonly string[]).includes(declared)) return declared as Relation;
  if (bases.length > 1) return "merge";
  if (files.some((f) => /(^|\/)adapter_config\.json$/.test(f.path))) return "adapter";
  if (files.some((f) => /\.gguf$/i.test(f.path))) return "quantized";
  return "finetune";
}

/** The statement that records a repo's lineage from its default branch (the analyze-revision job runs it). */
export function lineageUpdate(repoId: string, main: Pick<ModelOverview, "files" | "card">) {
  const data = main.card?.data ?? {};
  const bases = baseModelsOf(data);
  return db().repo.update({ where: { id: repoId }, data: { baseModels: bases, baseModelRelation: relationOf(data, bases, main.files) } });
}
