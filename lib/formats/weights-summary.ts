// A repo's weights at a revision, summarized from format headers: parameter
// count (per dtype where the format says) and bytes. safetensors wins when
// present (all distinct files, e.g. every diffusers component); otherwise one
// GGUF, ONNX or TF.js model, the largest (a GGUF repo holds one model in many
// quantizations, not many models).
import { db, Prisma } from "../db/client";
import { modelOverview, type ModelOverview } from "../repos/model-overview";
import type { FileEntry } from "../repos/tree-entries";
import { ggufHeader, onnxHeader, safetensorsHeader, tfjsModel, formatOf } from "./read-blob-header";
import { DEFAULT_BRANCH } from "./queue-analysis";

export type WeightsSummary = {
  source: "safetensors" | "gguf" | "onnx" | "tfjs";
  commit: string;
  parameters: Record<string, number>; // by dtype; "" when the format has no single dtype
  total: number;
  bytes: number;
  files: string[];
};

const MAX_FILES = 2000;

/** The weights of a revision, from its files (as the analysis has read them). */
async function summarizeWeights({ revision, files: all }: Pick<ModelOverview, "revision" | "files">): Promise<WeightsSummary | null> {
  const files = all.slice(0, 100_000);
  const of = (kind: string) => files.filter((f) => formatOf(f.path) === kind).slice(0, MAX_FILES);
  const base = { commit: revision.commitId };

  const st = of("safetensors");
  if (st.length) {
    const parameters: Record<string, number> = {};
    const used: (FileEntry & { path: string })[] = [];
    const seen = new Set<string>();
    for (const f of st) {
      if (seen.has(f.sha256)) continue;
      seen.add(f.sha256);
      const h = await safetensorsHeader(f);
      if (!h.ok) continue;
      used.push(f);
      for (const [d, n] of Object.entries(h.info.parameters)) parameters[d] = (parameters[d] ?? 0) + n;
    }
    if (used.length) return { ...base, source: "safetensors", parameters, total: sum(parameters), bytes: used.reduce((a, f) => a + f.size, 0), files: used.map((f) => f.path) };
  }
  let best: WeightsSummary | null = null;
  const consider = (s: Omit<WeightsSummary, "commit">) => {
    if (!best || s.total > best.total) best = { ...base, ...s };
  };
  for (const f of of("gguf")) {
    const h = await ggufHeader(f);
    if (h.ok) consider({ source: "gguf", parameters: { "": h.info.parameters }, total: h.info.parameters, bytes: f.size, files: [f.path] });
  }
  if (best) return best;
  for (const f of of("onnx")) {
    const h = await onnxHeader(f);
    if (h.ok) consider({ source: "onnx", parameters: { "": h.info.parameters }, total: h.info.parameters, bytes: f.size, files: [f.path] });
  }
  if (best) return best;
  for (const f of of("tfjs")) {
    const h = await tfjsModel(f);
    if (!h.ok) continue;
    const dir = f.path.includes("/") ? f.path.slice(0, f.path.lastIndexOf("/") + 1) : "";
    const shardBytes = h.info.shards.reduce((a, s) => a + (files.find((x) => x.path === dir + s.path)?.size ?? 0), 0);
    consider({ source: "tfjs", parameters: { "": h.info.parameters }, total: h.info.parameters, bytes: f.size + shardBytes, files: [f.path, ...h.info.shards.map((s) => dir + s.path)] });
  }
  return best;
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/**
 * The analyze-revision job: refresh the repo's lineage, search index and weight summary from its
 * default branch. The branch is read once and the repo's row written in one transaction: one
 * change for the catalogue's readers (each web node's index applies it) instead of three.
 */
export async function analyzeRepoWeights(repoId: string): Promise<void> {
  const { CARD_INDEX_REPO, cardIndexUpdate } = await import("../search/card-index");
  const repo = await db().repo.findUnique({ where: { id: repoId }, select: CARD_INDEX_REPO });
  if (!repo) return;
  const overview = await modelOverview(repoId, DEFAULT_BRANCH, repo.type);
  const card = cardIndexUpdate(repo, overview);
  // a dataset has no weights and no base model: its card and files make its catalogue facets
  if (repo.type === "dataset") return void (await card);
  const { lineageUpdate } = await import("../lineage/base-models");
  const s = await summarizeWeights(overview);
  await db().$transaction([
    lineageUpdate(repoId, overview),
    card,
    db().repo.update({
      where: { id: repoId },
      data: s ? { parameters: BigInt(s.total), weightBytes: BigInt(s.bytes), weights: s } : { parameters: null, weightBytes: null, weights: Prisma.DbNull },
    }),
  ]);
}
