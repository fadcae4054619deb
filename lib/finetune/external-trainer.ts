// A trainer that is another program: the worker writes the base's files and the dataset
// into a fresh folder, starts the command with the job spec on stdin, and reads JSON lines
// from its stdout (log, split, epoch, progress, done, error; ARCHITECTURE.md "Trainers").
// The child gets no secrets (a bare environment), its time is bounded by the job's
// deadline and cancels, its memory by an address-space limit, its output by a size limit.
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { badRequest } from "../errors";
import { db } from "../db/client";
import { TreeReader } from "../repos/tree-entries";
import { readBlobBytes } from "../storage";
import { judge, majorityBaseline } from "./learning-check";
import type { Trainer, TrainerInput, TrainerOutput } from "./trainer-protocol";
import { epochLine, type EpochMetrics } from "./trainer";

export type ExternalTrainerSpec = {
  id: string;
  runtime: Trainer["runtime"];
  tasks: Trainer["tasks"];
  hardware: Trainer["hardware"];
  /** argv: the program and its arguments. */
  command: string[];
  /** Which of the base's files the trainer reads (all when absent). */
  baseFiles?: (path: string) => boolean;
};

const PROTOCOL = 1;
const MEMORY_MB = () => Number(process.env.TRAINER_MEMORY_MB ?? 8192);
const OUTPUT_BYTES = () => Number(process.env.TRAINER_OUTPUT_BYTES ?? 2 * 1024 ** 3);

type Line =
  | { type: "log"; line: string }
  | { type: "split"; trainLabels: number[]; evalLabels: number[]; split: "validation" | "training"; classNames: string[] }
  | ({ type: "epoch" } & EpochMetrics)
  | { type: "progress"; fraction: number }
  | { type: "done"; classNames: string[]; trainSamples: number; valSamples: number; backend: string }
  | { type: "error"; message: string; refused?: boolean };

/** Only what a trainer needs to run: never the hub's database URL, auth secret or tokens. */
function bareEnv(home: string, hardware: "cpu" | "gpu"): NodeJS.ProcessEnv {
  const keep = ["PATH", "LANG", "LC_ALL", "TZ", "OMP_NUM_THREADS", ...(hardware === "gpu" ? ["CUDA_VISIBLE_DEVICES", "NVIDIA_VISIBLE_DEVICES", "LD_LIBRARY_PATH"] : [])];
  const env: Record<string, string> = { HOME: home, PYTHONDONTWRITEBYTECODE: "1", PYTHONUNBUFFERED: "1" };
  for (const k of keep) if (process.env[k]) env[k] = process.env[k]!;
  if (hardware === "cpu") env.CUDA_VISIBLE_DEVICES = "";
  return env as unknown as NodeJS.ProcessEnv;
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? await dirBytes(p) : (await stat(p)).size;
  }
  return total;
}

export function externalTrainer(spec: ExternalTrainerSpec): Trainer {
  return {
    id: spec.id,
    runtime: spec.runtime,
    tasks: spec.tasks,
    hardware: spec.hardware,
    async train(input: TrainerInput): Promise<TrainerOutput> {
      const work = await mkdtemp(path.join(os.tmpdir(), "modelhub-trainer-"));
      try {
        return await runIn(work, spec, input);
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
  };
}

async function runIn(work: string, spec: ExternalTrainerSpec, input: TrainerInput): Promise<TrainerOutput> {
  const log = input.hooks.log ?? (() => {});
  const [baseDir, outDir, home] = ["base", "out", "home"].map((d) => path.join(work, d)) as [string, string, string];
  await Promise.all([mkdir(baseDir), mkdir(outDir), mkdir(home)]);
  // the base's files at the pinned commit (paths come from the hub's own trees: checked at commit)
  for (const f of await new TreeReader(db()).listFiles(input.baseTree)) {
    if (spec.baseFiles && !spec.baseFiles(f.path)) continue;
    const to = path.join(baseDir, f.path);
    if (!to.startsWith(baseDir + path.sep)) continue;
    await mkdir(path.dirname(to), { recursive: true });
    await writeFile(to, await readBlobBytes(f.sha256));
  }
  const dataPath = path.join(work, `dataset${path.extname(input.dataset.name).toLowerCase()}`);
  await writeFile(dataPath, input.dataset.bytes);
  const jobSpec = {
    protocol: PROTOCOL, task: input.task, hardware: input.hardware, seed: input.params.seed, params: input.params,
    base: { dir: baseDir }, dataset: { path: dataPath, name: input.dataset.name }, output: outDir,
    limits: { seconds: Math.max(1, Math.round((input.deadline - Date.now()) / 1000)), memoryMiB: MEMORY_MB(), outputBytes: OUTPUT_BYTES() },
  };
  // bash applies the address-space limit to the trainer alone (a CUDA process maps far more than it uses: GPU jobs are bounded by the GPU)
  const limit = input.hardware === "cpu" ? `ulimit -v ${MEMORY_MB() * 1024}; ` : "";
  const child = spawn("bash", ["-c", `${limit}exec "$@"`, "trainer", ...spec.command], { cwd: work, env: bareEnv(home, input.hardware), stdio: ["pipe", "pipe", "pipe"], detached: true });
  child.stdin.end(JSON.stringify(jobSpec));
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));

  const history: EpochMetrics[] = [];
  let split: Extract<Line, { type: "split" }> | null = null;
  let done: Extract<Line, { type: "done" }> | null = null;
  let failure: Extract<Line, { type: "error" }> | null = null;
  let stopped: string | null = null;
  const kill = (why: string) => {
    if (stopped) return;
    stopped = why;
    try {
      process.kill(-child.pid!, "SIGTERM"); // the whole group: the trainer and anything it started
      setTimeout(() => { try { process.kill(-child.pid!, "SIGKILL"); } catch { /* gone */ } }, 5000).unref();
    } catch {
      // already gone
    }
  };
  const watch = setInterval(async () => {
    if (Date.now() > input.deadline) return kill("time");
    const why = await input.hooks.shouldStop?.().catch(() => null);
    if (why) kill(why);
  }, 1000);
  try {
    for await (const raw of createInterface({ input: child.stdout })) {
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        log(`trainer: ${raw.slice(0, 500)}`); // not protocol: kept as a log line
        continue;
      }
      if (line.type === "log") log(String(line.line).slice(0, 2000));
      else if (line.type === "epoch") {
        const m: EpochMetrics = { epoch: line.epoch, loss: line.loss, acc: line.acc, valLoss: line.valLoss ?? null, valAcc: line.valAcc ?? null, seconds: line.seconds, samplesPerSecond: line.samplesPerSecond };
        history.push(m);
        log(epochLine(m, input.params.epochs));
        await input.hooks.epoch?.(m);
      } else if (line.type === "split") {
        split = line;
        await input.hooks.baseline?.(majorityBaseline(line.trainLabels, line.evalLabels, line.classNames, line.split));
      } else if (line.type === "done") done = line;
      else if (line.type === "error") failure = line;
    }
  } finally {
    clearInterval(watch);
  }
  const code = await exited;
  if (stopped) return { stopped, files: {}, classNames: [], history, backend: spec.runtime, trainSamples: 0, valSamples: 0, verdict: judge([], majorityBaseline([], [], [], "training"), [], [], input.params.learningRate), input: null, examples: [] };
  if (failure) {
    if (failure.refused) throw badRequest(failure.message);
    throw new Error(`The ${spec.id} trainer failed: ${failure.message}`);
  }
  if (!done || !split || code !== 0) throw new Error(`The ${spec.id} trainer exited with ${code ?? "a signal"}${done ? "" : " before it finished"}: ${stderr.trim().split("\n").slice(-3).join(" / ")}`);
  const size = await dirBytes(outDir);
  if (size > OUTPUT_BYTES()) throw badRequest(`The trainer wrote ${size} bytes: more than the ${OUTPUT_BYTES()} a job may publish`);
  const files: Record<string, Buffer> = {};
  for (const name of await readdir(outDir)) files[name] = await readFile(path.join(outDir, name));
  const verdict = judge(history, majorityBaseline(split.trainLabels, split.evalLabels, split.classNames, split.split), split.trainLabels, split.classNames, input.params.learningRate);
  return { stopped: null, files, classNames: done.classNames, history, backend: done.backend, trainSamples: done.trainSamples, valSamples: done.valSamples, verdict, input: null, examples: [] };
}
