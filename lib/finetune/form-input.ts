// Reading a fine-tune request from a multipart form (web page or API client), already
// parsed within its limits by the request pipeline (lib/http/body).
import type { Actor } from "../auth/actor";
import { badRequest } from "../errors";
import { hardwareSchema, TASKS, taskSchema } from "./recipe";
import type { SubmitInput } from "./jobs";

export type FineTuneForm = { fields: Map<string, string>; files: { field: string; name: string; bytes: Buffer }[] };

export function submitInputFromForm(actor: Actor, form: FineTuneForm): SubmitInput {
  const str = (k: string) => {
    const v = form.fields.get(k);
    return typeof v === "string" && v.trim() ? v.trim() : undefined;
  };
  const file = form.files.find((f) => f.field === "dataset");
  const datasetRepo = str("datasetRepo");
  if (!file && !datasetRepo) throw badRequest("Attach the dataset as the `dataset` file field, or name a dataset repo with datasetRepo (and datasetPath or datasetSplit)");
  if (file && datasetRepo) throw badRequest("Send either a dataset file or datasetRepo, not both");
  const task = taskSchema.safeParse(str("task"));
  if (!task.success) throw badRequest(`task must be one of ${TASKS.join(", ")}`);
  const hardware = hardwareSchema.safeParse(str("hardware") ?? "cpu");
  if (!hardware.success) throw badRequest("hardware must be cpu or gpu");
  const params: Record<string, string> = {};
  for (const k of ["epochs", "learningRate", "batchSize", "validationSplit", "seed", "unfreeze", "textColumn", "labelColumn"]) if (str(k) !== undefined) params[k] = str(k)!;
  const license = str("license");
  return {
    actor,
    base: str("base") ?? "",
    revision: str("revision"),
    task: task.data,
    dataset: file
      ? { name: file.name.slice(0, 200) || "dataset", bytes: file.bytes }
      : { hub: { repo: datasetRepo!, revision: str("datasetRevision"), path: str("datasetPath"), config: str("datasetConfig"), split: str("datasetSplit") } },
    saveDatasetAs: file ? str("saveDatasetAs") : undefined,
    publishAnyway: str("publishAnyway") === "true" || str("publishAnyway") === "on",
    params: params as never, // coerced and checked by paramsSchema
    hardware: hardware.data,
    outputName: str("outputName") ?? "",
    outputPrivate: str("private") === "true" || str("private") === "on",
    outputLicense: license === undefined ? undefined : license === "none" ? null : license,
    maxSeconds: str("maxSeconds") ? Number(str("maxSeconds")) || undefined : undefined,
  };
}
