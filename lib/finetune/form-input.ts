// Reading a fine-tune request from a multipart form (web page or API client).
import type { Actor } from "../auth/actor";
import { badRequest, HubError } from "../errors";
import { limits } from "./limits";
import { hardwareSchema, taskSchema } from "./recipe";
import type { SubmitInput } from "./jobs";

export async function submitInputFromForm(actor: Actor, req: Request): Promise<SubmitInput> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limits().datasetBytes + 1024 * 1024) {
    throw new HubError(413, "PayloadTooLarge", `The dataset is larger than ${limits().datasetBytes} bytes`);
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw badRequest("Send the fine-tune request as multipart/form-data with a dataset file");
  }
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" && v.trim() ? v.trim() : undefined;
  };
  const file = form.get("dataset");
  if (!file || typeof file === "string") throw badRequest("Attach the dataset as the `dataset` file field");
  const task = taskSchema.safeParse(str("task"));
  if (!task.success) throw badRequest("task must be text-classification or image-classification");
  const hardware = hardwareSchema.safeParse(str("hardware") ?? "cpu");
  if (!hardware.success) throw badRequest("hardware must be cpu or gpu");
  const params: Record<string, string> = {};
  for (const k of ["epochs", "learningRate", "batchSize", "validationSplit", "seed", "unfreeze"]) if (str(k) !== undefined) params[k] = str(k)!;
  const license = str("license");
  return {
    actor,
    base: str("base") ?? "",
    revision: str("revision"),
    task: task.data,
    dataset: { name: (file as File).name.slice(0, 200) || "dataset", bytes: Buffer.from(await (file as File).arrayBuffer()) },
    params: params as never, // coerced and checked by paramsSchema
    hardware: hardware.data,
    outputName: str("outputName") ?? "",
    outputPrivate: str("private") === "true" || str("private") === "on",
    outputLicense: license === undefined ? undefined : license === "none" ? null : license,
    maxSeconds: str("maxSeconds") ? Number(str("maxSeconds")) || undefined : undefined,
  };
}
