// A fine-tuning recipe: everything needed to run the same job again. It is
// validated on the way in (forms, API, recipe.json of a published model).
import { z } from "zod";

export const paramsSchema = z.object({
  epochs: z.coerce.number().int().min(1).max(500).default(10),
  learningRate: z.coerce.number().positive().max(1).default(0.001),
  batchSize: z.coerce.number().int().min(1).max(4096).default(32),
  validationSplit: z.coerce.number().min(0).max(0.5).default(0.2),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(42),
  /** How many of the base's top layers train along with the new head (0: head only). */
  unfreeze: z.coerce.number().int().min(0).max(1000).default(0),
  /** The dataset's columns: the text (text tasks) and the label (a class, or the number a regressor predicts). */
  textColumn: z.string().trim().min(1).max(100).default("text"),
  labelColumn: z.string().trim().min(1).max(100).default("label"),
});
export type FineTuneParams = z.infer<typeof paramsSchema>;

export const TASKS = ["text-classification", "image-classification", "tabular-classification", "tabular-regression"] as const;
export const taskSchema = z.enum(TASKS);
export const hardwareSchema = z.enum(["cpu", "gpu"]);

export const recipeSchema = z.object({
  version: z.literal(1),
  task: taskSchema,
  base: z.object({ id: z.string().min(3).max(200), commit: z.string().regex(/^[0-9a-f]{40}$/) }),
  dataset: z.object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    name: z.string().min(1).max(200),
    bytes: z.number().int().nonnegative(),
    /** The dataset repo, commit and file it came from, when it came from the hub. */
    repo: z.string().min(3).max(200).optional(),
    commit: z.string().regex(/^[0-9a-f]{40}$/).optional(),
    path: z.string().min(1).max(1000).optional(),
  }),
  params: paramsSchema,
  hardware: hardwareSchema,
});
export type Recipe = z.infer<typeof recipeSchema>;
