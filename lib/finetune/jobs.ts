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
import { findTfjsModel } from "./load-base-model";
import { readImageDataset } from "./image-dataset";
import { parseTextDataset } from "./text-dataset";
import { limits } from "./limits";
import { paramsSchema, type FineTuneParams, type Recipe } from "./recipe";

export type SubmitInput = {
  actor: Actor;
  base: string; // owner/name
  revision?: string;
  task: Recipe["task"];
  dataset: { name: string; bytes: Buffer } | { sha256: string; name: string; bytes: number };
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
  await findTfjsModel(revision.treeId); // a TF.js model must be there
  const license = input.outputLicense === undefined ? base.license : input.outputLicense;
  if (license && !findLicense(license)) throw badRequest(`Unknown license "${license}"`);
  const check = checkDerivativeLicense(base.license, license ?? null, "fine-tune");
  if (!check.ok) throw licenseConflict(check.problems.join(" "), { problems: check.problems, notes: check.notes });
  const maxSeconds = Math.min(input.maxSeconds ?? L.jobSeconds, L.jobSeconds);
  const active = await db().fineTuneJob.count({ where: { userId: input.actor.userId, status: { in: ACTIVE } } });
  if (active >= L.concurrentJobs) throw tooManyRequests(`You already have ${active} fine-tuning job(s) queued or running (limit ${L.concurrentJobs})`, {});

  let dataset: { sha256: string; name: string; bytes: number };
  if ("sha256" in input.dataset) {
    dataset = { ...input.dataset, name: safeDatasetName(input.dataset.name) };
  } else {
    const { bytes } = input.dataset;
    const dname = safeDatasetName(input.dataset.name);
    if (bytes.length > L.datasetBytes) throw payloadTooLarge(`The dataset is ${bytes.length} bytes (limit ${L.datasetBytes})`);
    if (input.task === "text-classification") parseTextDataset(dname, bytes);
    else {
      if (!/\.zip$/i.test(dname)) throw badRequest("Image datasets are .zip archives with one folder per class");
      await readImageDataset(bytes);
    }
    dataset = { sha256: (await storeBytes(bytes)).sha256, name: dname, bytes: bytes.length };
  }
  return db().$transaction(async (tx) => {
    const job = await tx.fineTuneJob.create({
      data: {
        userId: input.actor.userId, baseRepoId: base.id, baseId: `${base.owner.username}/${base.name}`, baseCommit: revision.commitId, task: input.task,
        datasetSha256: dataset.sha256, datasetName: dataset.name, datasetBytes: BigInt(dataset.bytes), params, hardware: input.hardware,
        outputName: input.outputName, outputPrivate: input.outputPrivate, outputLicense: license ?? null, maxSeconds, rerunOfId: input.rerunOf ?? null,
      },
    });
    await tx.jobEvent.create({ data: { jobId: job.id, kind: "log", data: { line: `Queued: ${input.task} of ${job.baseId}@${revision.commitId.slice(0, 7)} on ${input.hardware}` } } });
    for (const note of check.notes) await tx.jobEvent.create({ data: { jobId: job.id, kind: "log", data: { line: `License: ${note}` } } });
    await enqueueJob("fine-tune", { jobId: job.id }, { jobKey: `fine-tune:${job.id}`, maxAttempts: 3, flags: input.hardware === "gpu" ? ["gpu"] : undefined }, tx);
    return job;
  });
}

/** A new job from a published model's recipe.json. */
export async function rerunRecipe(actor: Actor, recipe: Recipe, source: { jobId: string | null }, outputName: string, outputPrivate: boolean) {
  const original = source.jobId ? await db().fineTuneJob.findUnique({ where: { id: source.jobId } }) : null;
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

export async function appendEvent(jobId: string, kind: "log" | "epoch" | "status", data: object) {
  await db().jobEvent.create({ data: { jobId, kind, data: data as Prisma.InputJsonValue } });
}

export async function eventsAfter(jobId: string, after: bigint, take = 500) {
  return db().jobEvent.findMany({ where: { jobId, id: { gt: after } }, orderBy: { id: "asc" }, take });
}
