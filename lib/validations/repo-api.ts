// Bodies of /api/repos/create and /api/repos/delete (hub-api.md §2.2-2.3).
import { z } from "zod";

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
