// A finished job's output as a new model repo: TF.js weights, labels, a card
// that records the exact base commit, dataset sha256, hyper-parameters, seed,
// metrics and licenses, and recipe.json. Exactly one output per job, even when
// a retried attempt gets here after a killed one did.
import { db, type Prisma } from "../db/client";
import { conflict, HubError } from "../errors";
import { createRepo } from "../repos/create-repo";
import { commitFiles } from "../repos/commit-files";
import { storeBytes } from "../repos/ingest-blob";
import { findLicense } from "../licenses/catalog";
import type { EpochMetrics } from "./trainer";
import type { Recipe } from "./recipe";
import { parseTfjsModel } from "../formats/tfjs";

type Job = Prisma.FineTuneJobGetPayload<object>;

export type Output = { files: Record<string, Buffer>; classNames: string[]; history: EpochMetrics[]; backend: string; trainSamples: number; valSamples: number };

export function recipeOf(job: { task: string; baseId: string; baseCommit: string; datasetSha256: string; datasetName: string; datasetBytes: bigint; params: unknown; hardware: string }): Recipe {
  return {
    version: 1,
    task: job.task as Recipe["task"],
    base: { id: job.baseId, commit: job.baseCommit },
    dataset: { sha256: job.datasetSha256, name: job.datasetName, bytes: Number(job.datasetBytes) },
    params: job.params as Recipe["params"],
    hardware: job.hardware as Recipe["hardware"],
  };
}

function card(job: Job, out: Output, baseLicense: string | null, author: string): string {
  const p = job.params as Recipe["params"];
  const last = out.history[out.history.length - 1];
  const yamlStr = (s: string) => JSON.stringify(s);
  const lic = (id: string | null) => (id ? `${findLicense(id)?.name ?? id} (\`${id}\`)` : "none declared");
  const metrics = last
    ? [["loss", last.loss], ["accuracy", last.acc], ["validation loss", last.valLoss], ["validation accuracy", last.valAcc]].filter(([, v]) => v !== null && Number.isFinite(v as number))
    : [];
  return `---
${job.outputLicense ? `license: ${job.outputLicense}\n` : ""}base_model: ${yamlStr(job.baseId)}
base_model_relation: finetune
pipeline_tag: ${job.task}
library_name: tfjs
tags:
  - modelhub-finetune
  - tfjs
${demoSection(job.task, out)}modelhub:
  base_commit: ${job.baseCommit}
  base_license: ${yamlStr(baseLicense ?? "unknown")}
  dataset_sha256: ${job.datasetSha256}
  job: ${job.id}
---

# ${job.outputName}

${job.task === "image-classification" ? "An image" : "A text"} classifier fine-tuned by ${author} on Modelhub from
[${job.baseId}](/${job.baseId}) at commit \`${job.baseCommit}\`: the base was kept as the feature
extractor${p.unfreeze ? ` (its top ${p.unfreeze} layer(s) trained too)` : " (frozen)"} and a new softmax head learned ${out.classNames.length} labels.

- **Base model license:** ${lic(baseLicense)}. **This model's license:** ${lic(job.outputLicense)}.
- **Dataset:** \`${job.datasetName}\`, sha256 \`${job.datasetSha256}\`, ${out.trainSamples} training and ${out.valSamples} validation examples.
- **Labels:** ${out.classNames.map((c) => `\`${c}\``).join(", ")} (also in \`labels.json\`).
- **Trained on:** ${out.backend} (${job.hardware} job).

## Hyper-parameters

| epochs | learning rate | batch size | validation split | seed | unfrozen base layers |
| --- | --- | --- | --- | --- | --- |
| ${p.epochs} | ${p.learningRate} | ${p.batchSize} | ${p.validationSplit} | ${p.seed} | ${p.unfreeze} |

## Final metrics

${metrics.length ? `| metric | value |\n| --- | --- |\n${metrics.map(([k, v]) => `| ${k} | ${(v as number).toFixed(4)} |`).join("\n")}` : "No epoch completed."}

## Reproduce

\`recipe.json\` holds the exact base commit, dataset digest, hyper-parameters and seed;
"Re-run this recipe" on this page starts the same job.
`;
}

/** The in-browser demo of the result: the trainer's own input shaping (pixels 0..1, or the base's vocab). */
function demoSection(task: string, out: Output): string {
  let shape: (number | null)[] | null = null;
  try {
    shape = parseTfjsModel(out.files["model.json"]!.toString("utf8")).inputs[0]?.shape ?? null;
  } catch {
    return "";
  }
  if (task === "image-classification" && shape?.length === 4 && shape[1] && shape[2]) {
    return `demo:\n  model: model.json\n  labels: labels.json\n  input: { size: [${shape[2]}, ${shape[1]}], range: [0, 1] }\n  output: { decoder: probabilities }\n`;
  }
  if (task === "text-classification" && shape?.length === 2 && shape[1] && out.files["vocab.txt"]) {
    return `demo:\n  model: model.json\n  labels: labels.json\n  tokenizer: { vocab: vocab.txt, mode: sequence, max_length: ${shape[1]} }\n  output: { decoder: probabilities }\n`;
  }
  return "";
}

export async function publishOutput(jobId: string, out: Output): Promise<string> {
  const job = await db().fineTuneJob.findUniqueOrThrow({ where: { id: jobId }, include: { user: true } });
  if (job.outputRepoId) return job.outputRepoId;
  const owner = { id: job.user.id, username: job.user.username, email: job.user.email };
  // A previous attempt may have created the repo (and even committed) before it died.
  let repo = await db().repo.findUnique({ where: { sourceJobId: job.id }, select: { id: true } });
  if (!repo) {
    try {
      const made = await createRepo({ owner, name: job.outputName, private: job.outputPrivate, license: job.outputLicense, sourceJobId: job.id });
      repo = { id: made.id };
    } catch (e) {
      if (e instanceof HubError && e.status === 409) throw conflict(`A repository named ${job.outputName} appeared while the job ran: nothing was published`);
      throw e;
    }
  }
  const head = await db().ref.findUniqueOrThrow({ where: { repoId_kind_name: { repoId: repo.id, kind: "branch", name: "main" } } });
  const commit = await db().commit.findUniqueOrThrow({ where: { id: head.commitId } });
  if (commit.parentIds.length === 0) {
    const base = job.baseRepoId ? await db().repo.findUnique({ where: { id: job.baseRepoId }, select: { license: true } }) : null;
    const files: [string, Buffer][] = [
      ...Object.entries(out.files),
      ["labels.json", Buffer.from(JSON.stringify(out.classNames, null, 2) + "\n")],
      ["recipe.json", Buffer.from(JSON.stringify(recipeOf(job), null, 2) + "\n")],
      ["metrics.json", Buffer.from(JSON.stringify(out.history, null, 2) + "\n")],
      ["README.md", Buffer.from(card(job, out, base?.license ?? null, job.user.username))],
    ];
    const operations = await Promise.all(files.map(async ([path, bytes]) => ({ op: "put" as const, path, sha256: (await storeBytes(bytes)).sha256 })));
    try {
      await commitFiles({ repoId: repo.id, branch: "main", author: owner, contentOf: "trusted", title: `Fine-tune of ${job.baseId} (job ${job.id})`, parentCommit: head.commitId, operations });
    } catch (e) {
      if (!(e instanceof HubError && e.status === 412)) throw e; // another attempt committed first
    }
  }
  await db().fineTuneJob.update({ where: { id: job.id }, data: { outputRepoId: repo.id } });
  return repo.id;
}
