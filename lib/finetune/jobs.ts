// Fine-tuning jobs: submitting (every check before anything is created),
// cancelling, reading, and their event log.
import { db, type Prisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { can, canAdminister } from "../auth/can";
import { badRequest, conflict, forbidden, licenseConflict, notFound, payloadTooLarge, repoNotFound, tooManyRequests } from "../errors";
import { enqueueJob } from "../jobs/queue";
import { checkDerivativeLicense } from "../licenses/terms";
import { findLicense } from "../licenses/catalog";
import { assertFileAccess } from "../gating/access";
import { repoFor, findRepo } from "../repos/find-repo";
import { assertRepoName } from "../repos/names";
import { resolveRevision } from "../repos/resolve-revision";
import { storeBytes } from "../repos/ingest-blob";
import { fineTuneTarget } from "./fine-tunable";
import { listWorkers } from "../jobs/worker-registry";

/** Only workers that have what the job needs claim it: a GPU, the PyTorch runtime. */
const jobFlags = (hardware: string, runtime: string) => [...(hardware === "gpu" ? ["gpu"] : []), ...(runtime === "pytorch" ? ["runtime:pytorch"] : [])];

async function pytorchOnline(): Promise<boolean> {
  const recent = Date.now() - 2 * 60_000;
  return (await listWorkers()).some((w) => w.lastSeenAt.getTime() > recent && !!(w.capabilities as { runtimes?: { pytorch?: unknown } }).runtimes?.pytorch);
}
import { readImageDataset } from "./image-dataset";
import { checkLabels, readTextDataset } from "./text-dataset";
import { column, readTable } from "./table-dataset";
import { hubDatasetFile, saveUploadAsDataset, type HubDatasetFile, type HubDatasetRef } from "./hub-dataset";
import { readBlobBytes } from "../storage";
import { limits } from "./limits";
import { paramsSchema, type FineTuneParams, type Recipe } from "./recipe";

export type SubmitInput = {
  actor: Actor;
  base: string; // owner/name
  revision?: string;
  task: Recipe["task"];
  /** An upload, content already stored (re-runs), or a dataset repo's file at a revision. */
  dataset: { name: string; bytes: Buffer } | { sha256: string; name: string; bytes: number } | { hub: HubDatasetRef };
  /** Keep an upload as a new dataset repo of this name (and train from it there). */
  saveDatasetAs?: string;
  /** Publish the model even when it does not beat its baseline. */
  publishAnyway?: boolean;
  params: Partial<FineTuneParams>;
  hardware: "cpu" | "gpu";
  outputName: string;
  outputPrivate: boolean;
  outputLicense?: string | null;
  maxSeconds?: number;
  rerunOf?: string;
};

const ACTIVE = ["queued", "running"];

/** The dataset's file name as shown in cards and pages: a plain name (it comes from the uploader's machine). */
export function safeDatasetName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[^\w.\- ]+/g, "_").replace(/^[.\s]+/, "").slice(-120);
  return clean || "dataset";
}

export async function submitFineTune(input: SubmitInput) {
  // A fine-tune creates a repository in the caller's namespace: a read-only or repo-scoped token may not.
  if (!can(input.actor, "create", { namespace: input.actor.username })) throw forbidden("Fine-tuning creates a repository: use a write token that is not scoped to one repository");
  const L = limits();
  const params = paramsSchema.parse(input.params);
  assertRepoName(input.outputName);
  const [owner, name] = input.base.split("/");
  if (!owner || !name) throw repoNotFound(input.base);
  const base = await repoFor(input.actor, owner, name);
  await assertFileAccess(input.actor, base, null); // training reads the weights: a gated base needs granted access
  if (await findRepo(input.actor.username, input.outputName)) throw conflict(`You already have a repository named ${input.outputName}`);
  const revision = await resolveRevision(base.id, input.revision ?? "main");
  const { runtime, tasks } = await fineTuneTarget(revision.treeId); // a model a trainer can feed as the task needs
  if (runtime === "pytorch" && !(await pytorchOnline())) throw badRequest("No worker with PyTorch is online: a PyTorch base cannot be fine-tuned on this hub now");
  if (!tasks.includes(input.task)) {
    throw badRequest(tasks.length ? `${base.owner.username}/${base.name} can be fine-tuned for ${tasks.join(", ")}, not ${input.task}` : `${base.owner.username}/${base.name} cannot be fine-tuned: it needs a TF.js layers model whose input is an image, a text with its vocab.txt, or the features its card lists, or a torchvision model in safetensors with a config.json naming its architecture`);
  }
  const license = input.outputLicense === undefined ? base.license : input.outputLicense;
  if (license && !findLicense(license)) throw badRequest(`Unknown license "${license}"`);
  const check = checkDerivativeLicense(base.license, license ?? null, "fine-tune");
  if (!check.ok) throw licenseConflict(check.problems.join(" "), { problems: check.problems, notes: check.notes });
  const maxSeconds = Math.min(input.maxSeconds ?? L.jobSeconds, L.jobSeconds);
  const active = await db().fineTuneJob.count({ where: { userId: input.actor.userId, status: { in: ACTIVE } } });
  if (active >= L.concurrentJobs) throw tooManyRequests(`You already have ${active} fine-tuning job(s) queued or running (limit ${L.concurrentJobs})`, {});

  let dataset: { sha256: string; name: string; bytes: number };
  let hub: HubDatasetFile | null = null;
  if ("hub" in input.dataset) {
    hub = await hubDatasetFile(input.actor, input.dataset.hub);
    await checkDataset(input.task, hub.name, await readBlobBytes(hub.sha256), params);
    dataset = { sha256: hub.sha256, name: safeDatasetName(hub.name), bytes: hub.bytes };
  } else if ("sha256" in input.dataset) {
    dataset = { ...input.dataset, name: safeDatasetName(input.dataset.name) };
  } else {
    const { bytes } = input.dataset;
    const dname = safeDatasetName(input.dataset.name);
    if (bytes.length > L.datasetBytes) throw payloadTooLarge(`The dataset is ${bytes.length} bytes (limit ${L.datasetBytes})`);
    await checkDataset(input.task, dname, bytes, params);
    if (input.saveDatasetAs) {
      assertRepoName(input.saveDatasetAs);
      hub = await saveUploadAsDataset(input.actor, input.saveDatasetAs, { name: dname, bytes }, input.outputPrivate);
      dataset = { sha256: hub.sha256, name: safeDatasetName(hub.name), bytes: hub.bytes };
    } else dataset = { sha256: (await storeBytes(bytes)).sha256, name: dname, bytes: bytes.length };
  }
  return db().$transaction(async (tx) => {
    const job = await tx.fineTuneJob.create({
      data: {
        userId: input.actor.userId, baseRepoId: base.id, baseId: `${base.owner.username}/${base.name}`, baseCommit: revision.commitId, task: input.task,
        datasetSha256: dataset.sha256, datasetName: dataset.name, datasetBytes: BigInt(dataset.bytes), params, hardware: input.hardware,
        runtime,
        datasetRepoId: hub?.repoId ?? null, datasetRepo: hub?.repo ?? null, datasetCommit: hub?.commit ?? null, datasetPath: hub?.path ?? null, publishAnyway: input.publishAnyway ?? false,
        outputName: input.outputName, outputPrivate: input.outputPrivate, outputLicense: license ?? null, maxSeconds, rerunOfId: input.rerunOf ?? null,
      },
    });
    await tx.jobEvent.create({ data: { jobId: job.id, kind: "log", data: { line: `Queued: ${input.task} of ${job.baseId}@${revision.commitId.slice(0, 7)} on ${input.hardware}` } } });
    if (hub) await tx.jobEvent.create({ data: { jobId: job.id, kind: "log", data: { line: `Data: ${hub.repo}/${hub.path} at ${hub.commit.slice(0, 7)} (sha256 ${hub.sha256.slice(0, 12)}…)` } } });
    for (const note of check.notes) await tx.jobEvent.create({ data: { jobId: job.id, kind: "log", data: { line: `License: ${note}` } } });
    await enqueueJob("fine-tune", { jobId: job.id }, { jobKey: `fine-tune:${job.id}`, maxAttempts: 3, flags: jobFlags(input.hardware, runtime) }, tx);
    return job;
  });
}

/** The dataset reads as the task needs it (rows, columns, labels), before anything is created. */
async function checkDataset(task: Recipe["task"], name: string, bytes: Buffer, params: FineTuneParams): Promise<void> {
  if (task === "text-classification") await readTextDataset(name, bytes, { text: params.textColumn, label: params.labelColumn });
  else if (task === "image-classification") {
    if (!/\.zip$/i.test(name)) throw badRequest("Image datasets are .zip archives with one folder per class");
    await readImageDataset(bytes);
  } else {
    const rows = await readTable(name, bytes);
    if (!rows.length) throw badRequest("The dataset has no rows");
    const label = column(rows, params.labelColumn, "label");
    checkLabels(rows.map((r) => String(r[label] ?? "").trim()));
  }
}

/** A new job from a published model's recipe.json. */
export async function rerunRecipe(actor: Actor, recipe: Recipe, source: { jobId: string | null }, outputName: string, outputPrivate: boolean) {
  const original = source.jobId ? await db().fineTuneJob.findUnique({ where: { id: source.jobId } }) : null;
  if (recipe.dataset.repo && recipe.dataset.commit && recipe.dataset.path) {
    // from a dataset repo: fetched again at exactly that commit, with the caller's own access
    const again = await hubDatasetFile(actor, { repo: recipe.dataset.repo, revision: recipe.dataset.commit, path: recipe.dataset.path });
    if (again.sha256 !== recipe.dataset.sha256) throw badRequest(`${recipe.dataset.repo}/${recipe.dataset.path} at ${recipe.dataset.commit.slice(0, 7)} is not the content the recipe names`);
    return submitFineTune({
      actor, base: recipe.base.id, revision: recipe.base.commit, task: recipe.task, dataset: { hub: { repo: recipe.dataset.repo, revision: recipe.dataset.commit, path: recipe.dataset.path } },
      params: recipe.params, hardware: recipe.hardware, outputName, outputPrivate, outputLicense: original?.outputLicense, rerunOf: original?.id,
    });
  }
  if (!(await db().blob.findUnique({ where: { sha256: recipe.dataset.sha256 } }))) throw badRequest("The recipe's dataset is no longer stored on this hub");
  // The dataset is reused by content; it is yours, or the recipe's model was published for everyone.
  const outputRepo = original?.outputRepoId ? await db().repo.findUnique({ where: { id: original.outputRepoId } }) : null;
  if (!(original?.userId === actor.userId || (outputRepo && !outputRepo.private))) throw forbidden("Only the author can re-run a recipe of a private model");
  return submitFineTune({
    actor, base: recipe.base.id, revision: recipe.base.commit, task: recipe.task, dataset: recipe.dataset, params: recipe.params,
    hardware: recipe.hardware, outputName, outputPrivate, outputLicense: original?.outputLicense, rerunOf: original?.id,
  });
}

export async function jobFor(actor: Actor | null, id: string) {
  const job = await db().fineTuneJob.findUnique({ where: { id }, include: { user: { select: { username: true } } } });
  if (!job || !actor || (job.userId !== actor.userId && !canAdminister(actor, "view"))) throw notFound(`Job ${id} not found`);
  return job;
}

export async function cancelJob(actor: Actor | null, id: string) {
  const job = await jobFor(actor, id);
  if (!can(actor, "create", { namespace: actor!.username })) throw forbidden("Cancelling a job needs a write token that is not scoped to one repository");
  if (!ACTIVE.includes(job.status)) return job;
  // A queued job is cancelled at once; a running one stops at its next check (within seconds).
  const updated = await db().fineTuneJob.updateMany({ where: { id, status: "queued" }, data: { status: "cancelled", cancelRequested: true, finishedAt: new Date() } });
  if (updated.count) await appendEvent(id, "log", { line: "Cancelled before it started" });
  else await db().fineTuneJob.update({ where: { id }, data: { cancelRequested: true } });
  return jobFor(actor, id);
}

export async function listJobs(actor: Actor) {
  return db().fineTuneJob.findMany({ where: { userId: actor.userId }, orderBy: { createdAt: "desc" }, take: 100 });
}

export async function appendEvent(jobId: string, kind: "log" | "epoch" | "status" | "baseline", data: object) {
  await db().jobEvent.create({ data: { jobId, kind, data: data as Prisma.InputJsonValue } });
}

export async function eventsAfter(jobId: string, after: bigint, take = 500) {
  return db().jobEvent.findMany({ where: { jobId, id: { gt: after } }, orderBy: { id: "asc" }, take });
}
