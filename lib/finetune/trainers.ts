// The trainers a worker can run. A job names a task and hardware; the first
// trainer that handles both runs it. Today: TF.js transfer learning. Another
// runtime (a Python sidecar, ONNX Runtime training…) plugs in by implementing
// Trainer and adding itself to TRAINERS.
import { badRequest } from "../errors";
import type { Task } from "./prepare-data";
import { tfjsTransferTrainer } from "./tfjs-transfer-trainer";
import type { Trainer } from "./trainer-protocol";

export async function trainerFor(task: string, hardware: string): Promise<Trainer> {
  const TRAINERS: Trainer[] = [tfjsTransferTrainer];
  const t = TRAINERS.find((x) => x.tasks.includes(task as Task) && x.hardware.includes(hardware as "cpu"));
  if (!t) throw badRequest(`No trainer handles ${task} on ${hardware}`);
  return t;
}
