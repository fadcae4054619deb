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
import type { Recipe } from "./recipe";
import type { TrainerOutput } from "./trainer-protocol";
import { demoYaml, type FineTuneTask } from "./base-input";
import { describeVerdict } from "./learning-check";

type Job = Prisma.FineTuneJobGetPayload<object>;

export type Output = Pick<TrainerOutput, "files" | "classNames" | "history" | "backend" | "trainSamples" | "valSamples"> & Partial<Pick<TrainerOutput, "verdict" | "input" | "examples" | "target">>;

type RecipeSource = { task: string; baseId: string; baseCommit: string; datasetSha256: string; datasetName: string; datasetBytes: bigint; params: unknown; hardware: string; datasetRepo?: string | null; datasetCommit?: string | null; datasetPath?: string | null };

export function recipeOf(job: RecipeSource): Recipe {
  const fromHub = job.datasetRepo && job.datasetCommit && job.datasetPath ? { repo: job.datasetRepo, commit: job.datasetCommit, path: job.datasetPath } : {};
  return {
    version: 1,
    task: job.task as Recipe["task"],
    base: { id: job.baseId, commit: job.baseCommit },
    dataset: { sha256: job.datasetSha256, name: job.datasetName, bytes: Number(job.datasetBytes), ...fromHub },
    params: job.params as Recipe["params"],
    hardware: job.hardware as Recipe["hardware"],
  };
}

function card(job: Job, out: Output, baseLicense: string | null, author: string): string {
  const p = job.params as Recipe["params"];
  const last = out.history[out.history.length - 1];
  const yamlStr = (s: string) => JSON.stringify(s);
  const lic = (id: string | null) => (id ? `${findLicense(id)?.name ?? id} (\`${id}\`)` : "none declared");
  const regression = job.task === "tabular-regression";
  const lossName = regression ? "loss (mean squared error)" : "loss";
  const metrics = last
    ? ([[lossName, last.loss], ["accuracy", last.acc], ["mean absolute error", last.mae], [`validation ${lossName}`, last.valLoss], ["validation accuracy", last.valAcc], ["validation mean absolute error", last.valMae]] as [string, number | null | undefined][]).filter(
        ([, v]) => v !== null && v !== undefined && Number.isFinite(v),
      )
    : [];
  const v = out.verdict;
  const kind = job.task === "image-classification" ? "An image classifier" : job.task === "tabular-classification" ? "A tabular classifier" : regression ? "A tabular regressor" : "A text classifier";
  const learnt = regression ? `a new linear head learned to predict \`${out.target ?? "the target"}\`` : `a new softmax head learned ${out.classNames.length} labels`;
  return `---
${job.outputLicense ? `license: ${job.outputLicense}\n` : ""}base_model: ${yamlStr(job.baseId)}
base_model_relation: finetune
pipeline_tag: ${job.task}
library_name: ${job.runtime === "pytorch" ? "pytorch" : "tfjs"}
${job.datasetRepo ? `datasets:\n  - ${yamlStr(job.datasetRepo)}\n` : ""}tags:
  - modelhub-finetune
${job.runtime === "pytorch" ? "  - pytorch\n  - torchvision\n  - safetensors" : "  - tfjs"}
${demoSection(job.task, out)}modelhub:
  base_commit: ${job.baseCommit}
  base_license: ${yamlStr(baseLicense ?? "unknown")}
  dataset_sha256: ${job.datasetSha256}
${job.datasetRepo ? `  dataset_repo: ${yamlStr(job.datasetRepo)}\n  dataset_commit: ${job.datasetCommit}\n  dataset_path: ${yamlStr(job.datasetPath ?? "")}\n` : ""}  job: ${job.id}
---

# ${job.outputName}

${kind} fine-tuned by ${author} on Modelhub from
[${job.baseId}](/${job.baseId}) at commit \`${job.baseCommit}\`: the base was kept as the feature
extractor${p.unfreeze ? ` (its top ${p.unfreeze} layer(s) trained too)` : " (frozen)"} and ${learnt}.

- **Base model license:** ${lic(baseLicense)}. **This model's license:** ${lic(job.outputLicense)}.
- **Dataset:** ${job.datasetRepo ? `[${job.datasetRepo}](/datasets/${job.datasetRepo}), \`${job.datasetPath}\` at commit \`${job.datasetCommit}\`` : `\`${job.datasetName}\``}, sha256 \`${job.datasetSha256}\`, ${out.trainSamples} training and ${out.valSamples} validation examples.
${v ? `- **Against the baseline:** ${describeVerdict(v)}. ${v.learned ? "It learned." : "It did **not** beat the baseline; it was published because its author asked."}\n` : ""}
${regression ? `- **Predicts:** \`${out.target ?? "the target"}\`, one number per row.` : `- **Labels:** ${out.classNames.map((c) => `\`${c}\``).join(", ")} (also in \`labels.json\`).`}
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

/** Where an example picture of a label lives in the output repo. */
const examplePath = (label: string) => `examples/${label.replace(/[^\w.-]+/g, "_").slice(0, 60) || "example"}.png`;

/** The in-browser demo of the result: fed exactly as the base is (its tokenizer, image input or features), with examples from its own dataset. */
function demoSection(task: string, out: Output): string {
  if (!out.input) return "";
  const examples = (out.examples ?? []).flatMap((e) => {
    const title = JSON.stringify(`${e.label} (from the dataset)`);
    if (e.text !== undefined) return [`  - text: ${JSON.stringify(e.text)}\n    example_title: ${title}\n`];
    if (e.values) return [`  - structured_data: ${JSON.stringify(e.values)}\n    example_title: ${title}\n`];
    if (e.image) return [`  - src: ${JSON.stringify(examplePath(e.label))}\n    example_title: ${title}\n`];
    return [];
  });
  return demoYaml(task as FineTuneTask, out.input, "", out.target) + (examples.length ? `widget:\n${examples.join("")}` : "");
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
      ...(job.task === "tabular-regression" ? [] : [["labels.json", Buffer.from(JSON.stringify(out.classNames, null, 2) + "\n")] as [string, Buffer]]),
      ...(out.examples ?? []).flatMap((e): [string, Buffer][] => (e.image ? [[examplePath(e.label), e.image]] : [])),
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
