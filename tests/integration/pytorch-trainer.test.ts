// The PyTorch trainer behind the trainer protocol: the seeded torchvision base (random
// weights, safetensors) fine-tuned on images until it learns, outputs in safetensors with a
// config.json, the card and recipe; workers announce PyTorch and only they claim its jobs;
// a trainer child gets none of the hub's secrets and its protocol errors fail the job.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropIsolatedDatabase, useIsolatedDatabase } from "../setup/isolated-db";
import { db } from "../../lib/db/client";
import { submitFineTune } from "../../lib/finetune/jobs";
import type { Verdict } from "../../lib/finetune/learning-check";
import { detectCapabilities, pythonCommand } from "../../lib/jobs/capabilities";
import { registerWorker, newWorkerId } from "../../lib/jobs/worker-registry";
import { externalTrainer } from "../../lib/finetune/external-trainer";
import { PYTORCH_DEMO, seedPytorchDemo } from "../../lib/demo/seed-pytorch";
import { fileAt } from "../../lib/repos/read-files";
import { readBlobText } from "../../lib/repos/read-blob";
import { findRepo } from "../../lib/repos/find-repo";
import { parseCard } from "../../lib/cards/front-matter";
import { resolveRevision } from "../../lib/repos/resolve-revision";
import { TreeReader } from "../../lib/repos/tree-entries";
import type { Actor } from "../../lib/auth/actor";
import { seedUser } from "../setup/factories";
import { colorZip } from "../setup/tfjs-models";
import { runOnce } from "graphile-worker";
import { taskList } from "../../lib/worker/task-list";
import { quietLogger } from "../../lib/observability/graphile-logger";

beforeAll(async () => {
  await useIsolatedDatabase("pytorch");
  expect(await seedPytorchDemo()).toBe(true);
}, 300_000);
afterAll(dropIsolatedDatabase);

const actorOf = (u: { id: string; username: string; email: string }): Actor => ({ userId: u.id, username: u.username, email: u.email, isAdmin: false, via: "session" });
const drain = (forbiddenFlags: string[]) => runOnce({ connectionString: process.env.DATABASE_URL!, taskList, logger: quietLogger(), forbiddenFlags });

describe("the PyTorch trainer", () => {
  it("workers announce PyTorch, and the seeded base is a torchvision model in safetensors", async () => {
    const caps = await detectCapabilities();
    expect(caps.runtimes?.tfjs).toBe(true);
    expect(caps.runtimes?.pytorch?.version).toMatch(/^\d+\.\d+/);
    expect(caps.runtimes?.pytorch?.torchvision).toMatch(/^\d+\.\d+/);
    const repo = (await findRepo("modelhub", PYTORCH_DEMO))!;
    const config = await fileAt(repo.id, "main", "config.json");
    expect(JSON.parse((await readBlobText(config.sha256, config.size))!)).toMatchObject({ architecture: "mobilenet_v3_small", image_size: 64 });
    expect((await fileAt(repo.id, "main", "model.safetensors")).size).toBeGreaterThan(1_000_000);
  });

  it("fine-tunes the seeded base until it learns, publishing safetensors, config, card and recipe; only PyTorch workers claim it", { timeout: 300_000 }, async () => {
    const me = await seedUser();
    const caps = await detectCapabilities();
    await registerWorker(newWorkerId(), caps); // a PyTorch worker is online
    const job = await submitFineTune({
      actor: actorOf(me), base: `modelhub/${PYTORCH_DEMO}`, task: "image-classification", dataset: { name: "colors.zip", bytes: colorZip(40) },
      params: { epochs: 8, learningRate: 0.005, batchSize: 8, validationSplit: 0.25, seed: 1, unfreeze: 20 }, hardware: "cpu", outputName: "red-or-blue", outputPrivate: false,
    });
    expect(job.runtime).toBe("pytorch");
    // a worker without PyTorch leaves it alone
    await drain(["gpu", "runtime:pytorch"]);
    expect((await db().fineTuneJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("queued");
    await drain(["gpu"]);
    const done = await db().fineTuneJob.findUniqueOrThrow({ where: { id: job.id } });
    const trace = (await db().jobEvent.findMany({ where: { jobId: job.id }, orderBy: { id: "asc" } })).map((e) => JSON.stringify(e.data)).join("\n");
    expect(done.status, trace).toBe("succeeded");
    const v = done.baseline as unknown as Verdict;
    expect(v.achieved!).toBeGreaterThanOrEqual(0.9);
    const events = await db().jobEvent.findMany({ where: { jobId: job.id }, orderBy: { id: "asc" } });
    expect(events.filter((e) => e.kind === "epoch")).toHaveLength(8);
    expect(events.some((e) => /PyTorch trainer on cpu, torch/.test(String((e.data as { line?: string }).line)))).toBe(true);

    const out = done.outputRepoId!;
    const rev = await resolveRevision(out, "main");
    const files = (await new TreeReader(db()).listFiles(rev.treeId)).map((f) => f.path).sort();
    expect(files).toEqual([".gitattributes", "README.md", "config.json", "labels.json", "metrics.json", "model.safetensors", "recipe.json"]);
    const config = await fileAt(out, "main", "config.json");
    expect(JSON.parse((await readBlobText(config.sha256, config.size))!)).toMatchObject({ architecture: "mobilenet_v3_small", labels: ["blue", "red"] });
    const card = parseCard((await readBlobText((await fileAt(out, "main", "README.md")).sha256, 1 << 20))!);
    expect(card.data).toMatchObject({ library_name: "pytorch", base_model: `modelhub/${PYTORCH_DEMO}`, base_model_relation: "finetune" });
    expect(card.data.demo).toBeUndefined(); // no TF.js demo for a PyTorch model
  });

  it("refuses a PyTorch base when no PyTorch worker is online, before anything is created", async () => {
    await db().worker.deleteMany({});
    const me = await seedUser();
    await expect(submitFineTune({
      actor: actorOf(me), base: `modelhub/${PYTORCH_DEMO}`, task: "image-classification", dataset: { name: "colors.zip", bytes: colorZip(4) },
      params: {}, hardware: "cpu", outputName: "never", outputPrivate: false,
    })).rejects.toThrow(/No worker with PyTorch is online/);
  });
});

describe("the trainer protocol", () => {
  const base = async () => (await resolveRevision((await findRepo("modelhub", PYTORCH_DEMO))!.id, "main")).treeId;
  const input = async (over: object = {}) => ({
    task: "image-classification" as const, hardware: "cpu" as const, baseTree: await base(), deadline: Date.now() + 60_000,
    dataset: { name: "d.zip", bytes: Buffer.from("zip") }, params: { epochs: 1, learningRate: 0.01, batchSize: 8, validationSplit: 0.2, seed: 1, unfreeze: 0, textColumn: "text", labelColumn: "label" },
    hooks: {}, ...over,
  });
  const script = (code: string) => externalTrainer({ id: "probe", runtime: "pytorch", tasks: ["image-classification"], hardware: ["cpu"], command: [pythonCommand(), "-c", code], baseFiles: (p) => p === "config.json" });

  it("gives the child none of the hub's secrets, and its files and data in a folder of their own", async () => {
    process.env.NEXTAUTH_SECRET ??= "a-secret-the-child-must-not-see";
    const lines: string[] = [];
    const code = `import json, os, sys\nspec = json.load(sys.stdin)\nprint(json.dumps({"type": "log", "line": " ".join(sorted(os.environ))}))\nprint(json.dumps({"type": "log", "line": "files " + " ".join(sorted(os.listdir(spec["base"]["dir"])))}))\nprint(json.dumps({"type": "error", "message": "probe done", "refused": True}))`;
    await expect(script(code).train(await input({ hooks: { log: (l: string) => lines.push(l) } }) as never)).rejects.toMatchObject({ status: 400, message: "probe done" });
    const env = lines[0]!.split(" ");
    expect(env).not.toContain("DATABASE_URL");
    expect(env).not.toContain("NEXTAUTH_SECRET");
    expect(env).toContain("HOME");
    expect(lines[1]).toBe("files config.json"); // only the base files the trainer asked for
  });

  it("stops a child at the deadline, and a child that dies without `done` fails the attempt (to be retried)", async () => {
    const slow = script("import time\ntime.sleep(60)");
    const r = await slow.train(await input({ deadline: Date.now() + 1500 }) as never);
    expect(r.stopped).toBe("time");
    await expect(script("import sys\nprint('not json')\nsys.exit(3)").train(await input() as never)).rejects.toThrow(/exited with 3 before it finished/);
  }, 30_000);
});
