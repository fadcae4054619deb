// The seeded PyTorch base: a torchvision MobileNetV3-Small with seeded random weights,
// built at first start by Python when this machine has PyTorch (nothing is downloaded),
// in safetensors with a config.json, so the PyTorch fine-tuning path works on a fresh hub.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createUser } from "../auth/users";
import { db } from "../db/client";
import { HubError } from "../errors";
import { pythonCommand, pytorchRuntime } from "../jobs/capabilities";
import { commitFiles } from "../repos/commit-files";
import { createRepo } from "../repos/create-repo";
import { storeBytes } from "../repos/ingest-blob";

const OWNER = "modelhub";
export const PYTORCH_DEMO = "mobilenet-v3-small-random";
const LABELS = ["class_a", "class_b", "class_c"];
const SIZE = 64;

const card = (parameters: number) => `---
license: apache-2.0
library_name: pytorch
pipeline_tag: image-classification
tags: [pytorch, torchvision, safetensors, mobilenet_v3_small, random-init, demo]
---

# MobileNetV3-Small (random weights)

A torchvision \`mobilenet_v3_small\` (${parameters.toLocaleString("en-US")} parameters) whose weights are **random**:
seeded and built by this hub when it was installed, because nothing can be downloaded here. It knows
nothing yet. It exists so that the PyTorch fine-tuning path can be tried on a fresh hub: fine-tune it
on a zip of image folders with "Unfreeze top base layers" set high (say 20), so that the whole network
learns, not only a new head.

- \`model.safetensors\`: the weights (safetensors, no pickle).
- \`config.json\`: \`architecture\`, \`labels\`, \`image_size\` (${SIZE}), and the normalisation \`mean\` and \`std\`.

Fine-tunes run on workers that have PyTorch (\`python3-torch\` and \`python3-torchvision\`), on CUDA when
torch sees a GPU, otherwise on the CPU.
`;

/** Creates the PyTorch demo base when it is missing and PyTorch is here; true when it made it. */
export async function seedPytorchDemo(log: (m: string) => void = () => {}): Promise<boolean> {
  if (await db().repo.findFirst({ where: { type: "model", name: PYTORCH_DEMO, owner: { username: OWNER } }, select: { id: true } })) return false;
  if (!(await pytorchRuntime())) {
    log(`PyTorch is not installed here: the ${OWNER}/${PYTORCH_DEMO} demo base is not seeded (apt-get install python3-torch python3-torchvision)`);
    return false;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "modelhub-seed-torch-"));
  try {
    const script = path.join(process.cwd(), "workers/trainers/random_torchvision_model.py");
    const { stdout } = await promisify(execFile)(pythonCommand(), [script, "mobilenet_v3_small", String(SIZE), dir, ...LABELS], { timeout: 300_000, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir } as unknown as NodeJS.ProcessEnv });
    const { parameters } = JSON.parse(stdout.trim().split("\n").pop()!) as { parameters: number };
    const user =
      (await db().user.findUnique({ where: { username: OWNER } })) ??
      (await createUser({ username: OWNER, email: "demo@modelhub.invalid", password: crypto.randomBytes(24).toString("base64url") }));
    let repo;
    try {
      repo = await createRepo({ owner: user, name: PYTORCH_DEMO, private: false, license: "apache-2.0" });
    } catch (e) {
      if (e instanceof HubError && e.status === 409) return false; // another hub starting at once made it
      throw e;
    }
    const files: [string, Buffer][] = [["README.md", Buffer.from(card(parameters))], ["config.json", await readFile(path.join(dir, "config.json"))], ["model.safetensors", await readFile(path.join(dir, "model.safetensors"))]];
    const ops = await Promise.all(files.map(async ([p, bytes]) => ({ op: "put" as const, path: p, sha256: (await storeBytes(bytes)).sha256 })));
    await commitFiles({ repoId: repo.id, branch: "main", author: user, contentOf: "trusted", title: "Add a randomly initialised MobileNetV3-Small", operations: ops });
    log(`Seeded the PyTorch demo base ${OWNER}/${PYTORCH_DEMO}`);
    return true;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
