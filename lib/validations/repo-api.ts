// Bodies of /api/repos/create and /api/repos/delete (hub-api.md §2.2-2.3).
import { z } from "zod";
import { badRequest } from "../errors";
import type { RepoType } from "../repos/repo-type";

/** The kind a create/delete/move body names: models and datasets; Spaces (apps) are refused with a reason. */
export function repoTypeOf(type: string | undefined | null): RepoType {
  if (!type || type === "model") return "model";
  if (type === "dataset") return "dataset";
  if (type === "space") throw badRequest("Modelhub hosts models and datasets, not Spaces (apps): create a model or dataset repository instead");
  throw badRequest(`Unknown repository type "${type.slice(0, 20)}": use model or dataset`);
}

export const createRepoSchema = z.object({
  name: z.string().min(1).max(96),
  organization: z.string().max(96).nullish(),
  type: z.enum(["model", "dataset", "space"]).optional(),
  private: z.boolean().optional(),
  visibility: z.enum(["public", "private", "protected"]).optional(),
  license: z.string().max(100).optional(),
  files: z.array(z.object({ path: z.string(), content: z.string(), encoding: z.enum(["base64", "utf-8"]).optional() })).max(100).optional(),
});

export const deleteRepoSchema = z.object({
  name: z.string().min(1).max(96),
  organization: z.string().max(96).nullish(),
  type: z.enum(["model", "dataset", "space"]).optional(),
});
