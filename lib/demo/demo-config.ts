// What the model page hands the in-browser demo: the checked spec, the files to
// fetch pinned to one commit (so the browser may cache them forever), their sizes,
// and the labels. Anything that would leave the widget blank becomes an error
// sentence instead.
import { parseTfjsModel, MAX_MODEL_JSON_BYTES, type TfjsInfo } from "../formats/tfjs";
import { readBlobText } from "../repos/read-blob";
import type { FileEntry } from "../repos/tree-entries";
import { parseDemoSpec, type DemoSpec } from "./demo-spec";
import { demoTypical, type DemoTypical } from "./demo-runs";
import type { Actor } from "../auth/actor";
import { can } from "../auth/can";
import { gateStatus } from "../gating/access";
import { findRepo } from "../repos/find-repo";
import { modelOverview } from "../repos/model-overview";

export type DemoFile = { path: string; size: number; url: string };
export type DemoConfig =
  | {
      ok: true;
      spec: DemoSpec;
      format: "graph-model" | "layers-model";
      modelJson: DemoFile;
      shards: DemoFile[];
      vocab: DemoFile | null;
      labels: string[];
      bytes: number;
      examples: Record<string, string>;
      report: { url: string; commit: string };
      typical: DemoTypical[];
    }
  | { ok: false; error: string };

type Input = { repoId: string; owner: string; repo: string; commitId: string; files: (FileEntry & { path: string })[]; data: Record<string, unknown> | undefined };

const MAX_LABELS_BYTES = 1024 * 1024;

/** null: the card declares no demo. */
export async function demoConfig({ repoId, owner, repo, commitId, files, data }: Input): Promise<DemoConfig | null> {
  if (!data || data.demo === undefined) return null;
  const byPath = new Map(files.map((f) => [f.path, f]));
  const { spec, problems } = parseDemoSpec(data, [...byPath.keys()]);
  if (!spec) return { ok: false, error: `The card's demo section cannot be used: ${problems.join("; ")}.` };
  // ?via=demo: what the in-browser demo fetches is a demo run (counted apart), not a download
  const url = (p: string) => `/${owner}/${repo}/resolve/${commitId}/${p.split("/").map(encodeURIComponent).join("/")}?via=demo`;
  const file = (p: string): DemoFile => ({ path: p, size: byPath.get(p)!.size, url: url(p) });

  const info = await modelJsonInfo(byPath.get(spec.model)!);
  if (typeof info === "string") return { ok: false, error: info.replace("MODEL", spec.model) };
  const dir = spec.model.includes("/") ? spec.model.slice(0, spec.model.lastIndexOf("/") + 1) : "";
  const shards: DemoFile[] = [];
  for (const s of info.shards) {
    const p = dir + s.path;
    if (!byPath.has(p)) return { ok: false, error: `The weight file ${p} named by ${spec.model} is missing from the repo.` };
    shards.push(file(p));
  }

  let labels: string[] = [];
  if (spec.labels) {
    const lf = byPath.get(spec.labels)!;
    labels = await bySha(`labels:${lf.sha256}`, async () => {
      const raw = lf.size <= MAX_LABELS_BYTES ? await readBlobText(lf.sha256, lf.size, MAX_LABELS_BYTES) : null;
      return raw === null ? [] : parseLabels(raw);
    });
    if (!labels.length) return { ok: false, error: `Missing labels: ${spec.labels} holds no labels (a JSON array of names, or one name per line).` };
  }
  const examples: Record<string, string> = {};
  for (const e of spec.examples) if (e.kind === "image") examples[e.path] = url(e.path);
  const vocab = spec.tokenizer ? file(spec.tokenizer.vocab) : null;
  const modelJson = file(spec.model);
  const bytes = modelJson.size + shards.reduce((n, s) => n + s.size, 0) + (vocab?.size ?? 0);
  const report = { url: `/api/models/${owner}/${repo}/demo-runs`, commit: commitId };
  const typical = await demoTypical(repoId, commitId);
  return { ok: true, spec, format: info.format, modelJson, shards, vocab, labels, bytes, examples, report, typical };
}

// What is read from blobs (model.json summaries, labels), by content hash: blobs
// never change, and the model page would otherwise read and parse them per view.
const byContent = new Map<string, unknown>();
const MAX_CACHED = 1000;

async function bySha<T>(sha256: string, compute: () => Promise<T>): Promise<T> {
  if (byContent.has(sha256)) return byContent.get(sha256) as T;
  const v = await compute();
  if (byContent.size >= MAX_CACHED) byContent.delete(byContent.keys().next().value!);
  byContent.set(sha256, v);
  return v;
}

/** The format and shard list of a model.json, or why it cannot be used ("MODEL" stands for its path). */
function modelJsonInfo(f: FileEntry): Promise<Pick<TfjsInfo, "format" | "shards"> | string> {
  return bySha(`model.json:${f.sha256}`, async () => {
    const text = f.size <= MAX_MODEL_JSON_BYTES ? await readBlobText(f.sha256, f.size, MAX_MODEL_JSON_BYTES) : null;
    if (text === null) return "MODEL is too large to be a TF.js model.json.";
    try {
      const { format, shards } = parseTfjsModel(text);
      return { format, shards };
    } catch (e) {
      return `Unsupported format: MODEL is not a TF.js model (${(e as Error).message}).`;
    }
  });
}

/** A JSON array of names (or an {index: name} map), else one label per line. */
export function parseLabels(raw: string): string[] {
  const t = raw.trim();
  if (t.startsWith("[") || t.startsWith("{")) {
    try {
      const v = JSON.parse(t) as unknown;
      if (Array.isArray(v)) return v.map((x) => String(x).slice(0, 200));
      if (v && typeof v === "object") {
        const entries = Object.entries(v as Record<string, unknown>).filter(([k]) => /^\d{1,5}$/.test(k)); // indexes past 99999 would make a huge sparse list
        const out: string[] = [];
        for (const [k, name] of entries) out[Number(k)] = String(name).slice(0, 200);
        return Array.from(out, (x, i) => x ?? String(i));
      }
    } catch {
      return [];
    }
  }
  return t.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((l) => l.slice(0, 200));
}

/** The demo of a local base model the actor may run (readable, and past any gate), for "compare with base". */
export async function baseDemoConfig(actor: Actor | null, baseId: string | null): Promise<{ id: string; config: DemoConfig | null } | null> {
  if (!baseId) return null;
  const [owner, name] = baseId.split("/") as [string, string];
  const repo = await findRepo(owner, name);
  if (!repo || !can(actor, "read", repo)) return null;
  const gate = await gateStatus(actor, repo);
  if (gate !== "open" && gate !== "accepted") return null;
  const { revision, files, card } = await modelOverview(repo.id, "main");
  return { id: baseId, config: await demoConfig({ repoId: repo.id, owner, repo: name, commitId: revision.commitId, files, data: card?.data }) };
}
