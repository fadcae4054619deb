// The trainers a worker can run. A job names a task, hardware and the runtime its base
// needs; the first trainer that handles all three runs it. TF.js is built in; the
// PyTorch trainer is a Python program behind the trainer protocol (external-trainer),
// and another runtime plugs in the same way: a command and the tasks it handles.
import path from "node:path";
import { badRequest } from "../errors";
import { externalTrainer } from "./external-trainer";
import { pythonCommand } from "../jobs/capabilities";
import type { Task } from "./prepare-data";
import { tfjsTransferTrainer } from "./tfjs-transfer-trainer";
import type { Trainer } from "./trainer-protocol";

export const pytorchImageTrainer = externalTrainer({
  id: "pytorch-image",
  runtime: "pytorch",
  tasks: ["image-classification"],
  hardware: ["cpu", "gpu"],
  command: [pythonCommand(), path.join(process.cwd(), "workers/trainers/pytorch_image.py")],
  baseFiles: (p) => p === "config.json" || p === "model.safetensors",
});

const TRAINERS: Trainer[] = [tfjsTransferTrainer, pytorchImageTrainer];

export async function trainerFor(task: string, hardware: string, runtime = "tfjs"): Promise<Trainer> {
  const t = TRAINERS.find((x) => x.runtime === runtime && x.tasks.includes(task as Task) && x.hardware.includes(hardware as "cpu"));
  if (!t) throw badRequest(`No ${runtime} trainer handles ${task} on ${hardware}`);
  return t;
}
