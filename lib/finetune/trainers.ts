// The trainers a worker can run. A job names a task and hardware; the first
// trainer that handles both runs it. Today: TF.js transfer learning. Another
// runtime (a Python sidecar, ONNX Runtime training…) plugs in by implementing
// Trainer and adding itself to TRAINERS.
import { badRequest } from "../errors";
import type { BaseModelFiles } from "./load-base-model";
import type { Task } from "./prepare-data";
import type { FineTuneParams } from "./recipe";
import type { EpochMetrics, TrainHooks } from "./trainer";

export type TrainerInput = {
  task: Task;
  hardware: "cpu" | "gpu";
  base: BaseModelFiles;
  dataset: { name: string; bytes: Buffer };
  params: FineTuneParams;
  hooks: TrainHooks;
};

export type TrainerOutput = {
  stopped: string | null;
  files: Record<string, Buffer>; // the model's own files (e.g. model.json + weights.bin)
  classNames: string[];
  history: EpochMetrics[];
  backend: string;
  trainSamples: number;
  valSamples: number;
};

export interface Trainer {
  id: string;
  tasks: readonly Task[];
  hardware: readonly ("cpu" | "gpu")[];
  train(input: TrainerInput): Promise<TrainerOutput>;
}

export async function trainerFor(task: string, hardware: string): Promise<Trainer> {
  const { tfjsTransferTrainer } = await import("./tfjs-transfer-trainer");
  const TRAINERS: Trainer[] = [tfjsTransferTrainer];
  const t = TRAINERS.find((x) => x.tasks.includes(task as Task) && x.hardware.includes(hardware as "cpu"));
  if (!t) throw badRequest(`No trainer handles ${task} on ${hardware}`);
  return t;
}
