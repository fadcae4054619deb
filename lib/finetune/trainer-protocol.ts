// What a trainer is: given a task, hardware, the base model's files, a dataset and
// parameters, it trains and returns the new model's files and its history.
import type { BaseInput } from "./base-input";
import type { Example, Task } from "./prepare-data";
import type { Baseline, Verdict } from "./learning-check";
import type { FineTuneParams } from "./recipe";
import type { EpochMetrics, TrainHooks } from "./trainer";

export type TrainerInput = {
  task: Task;
  hardware: "cpu" | "gpu";
  /** The base's tree at the job's pinned commit: each trainer reads the files it needs. */
  baseTree: string;
  /** When the job must end (ms since the epoch): trainers running a process stop it there. */
  deadline: number;
  dataset: { name: string; bytes: Buffer };
  params: FineTuneParams;
  hooks: TrainHooks & { baseline?: (b: Baseline) => void | Promise<void> };
};

export type TrainerOutput = {
  stopped: string | null;
  files: Record<string, Buffer>; // the model's own files (e.g. model.json + weights.bin)
  /** The labels of a classifier, in output order; empty for a regressor. */
  classNames: string[];
  /** A regressor's target column: what its one output predicts. */
  target?: string;
  history: EpochMetrics[];
  backend: string;
  trainSamples: number;
  valSamples: number;
  /** Against the majority-class (or, for a regressor, the mean) baseline on the same examples. */
  verdict: Verdict;
  /** How the base (and so the output) is fed, for the output's demo section; null when the trainer has no TF.js demo. */
  input: BaseInput | null;
  /** Demo examples from the dataset itself. */
  examples: Example[];
};

export interface Trainer {
  id: string;
  /** "tfjs" (built in) or the runtime an external trainer needs ("pytorch"): workers announce theirs. */
  runtime: "tfjs" | "pytorch";
  tasks: readonly Task[];
  hardware: readonly ("cpu" | "gpu")[];
  train(input: TrainerInput): Promise<TrainerOutput>;
}
