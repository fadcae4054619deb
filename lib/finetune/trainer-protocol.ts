// What a trainer is: given a task, hardware, the base model's files, a dataset and
// parameters, it trains and returns the new model's files and its history.
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
