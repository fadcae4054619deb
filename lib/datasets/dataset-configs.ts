// Which files make up each config and split of a dataset: the card's `configs`
// (data_files as paths or globs, per split) when it has them, otherwise the Hugging
// Face conventions: split names in file or folder names (train, validation, test),
// everything else in one "train" split of the "default" config.
import picomatch from "picomatch";

export type DataFile = { path: string; size: number; sha256: string };
export type DatasetSplit = { config: string; split: string; files: DataFile[] };

/** Files the viewer and the trainers read as rows. */
export const DATA_FILE = /\.(csv|tsv|jsonl|ndjson|json|parquet)$/i;

const SPLIT_WORDS: [string, RegExp][] = [
  ["train", /(^|[\W_])(train|training)([\W_]|$)/i],
  ["validation", /(^|[\W_])(validation|valid|val|dev)([\W_]|$)/i],
  ["test", /(^|[\W_])(test|testing|eval)([\W_]|$)/i],
];

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

// Globs come from the card: bounded, so that no pattern can make matching slow (a run of
// stars compiles to nested lazy groups that backtrack on long names).
const MAX_PATTERNS = 50;
const MAX_PATTERN_CHARS = 300;
const MAX_STARS = 6;

function matching(files: DataFile[], patterns: unknown): DataFile[] {
  const globs = asList(patterns)
    .filter((p): p is string => typeof p === "string" && !p.startsWith("/") && !p.split("/").includes(".."))
    .filter((p) => p.length <= MAX_PATTERN_CHARS && (p.match(/\*/g) ?? []).length <= MAX_STARS)
    .slice(0, MAX_PATTERNS);
  if (!globs.length) return [];
  const isMatch = picomatch(globs.map((g) => g.replace(/^\.\//, "")), { dot: false });
  return files.filter((f) => isMatch(f.path));
}

/** A config's splits from its data_files: one pattern (or list) is the train split; {split, path} entries name theirs. */
function splitsOfConfig(config: string, dataFiles: unknown, files: DataFile[]): DatasetSplit[] {
  const entries = asList(dataFiles);
  if (entries.length && entries.every(isObj)) {
    return (entries as Record<string, unknown>[])
      .filter((e) => typeof e.split === "string")
      .map((e) => ({ config, split: e.split as string, files: matching(files, e.path) }));
  }
  return [{ config, split: "train", files: matching(files, entries) }];
}

/** Every config/split of a dataset at a revision, in the card's order (the default config first). */
export function datasetSplits(card: Record<string, unknown>, repoFiles: DataFile[]): DatasetSplit[] {
  const files = repoFiles.filter((f) => DATA_FILE.test(f.path) && !/(^|\/)\./.test(f.path));
  if (Array.isArray(card.configs) && card.configs.length) {
    const configs = card.configs.filter((c): c is Record<string, unknown> => isObj(c) && typeof c.config_name === "string");
    configs.sort((a, b) => Number(b.default === true) - Number(a.default === true));
    const out = configs.flatMap((c) => splitsOfConfig(c.config_name as string, c.data_files ?? "**", files));
    if (out.length) return out;
  }
  return conventionalSplits(files);
}

function conventionalSplits(files: DataFile[]): DatasetSplit[] {
  const bySplit = new Map<string, DataFile[]>();
  for (const f of files) {
    const split = SPLIT_WORDS.find(([, re]) => re.test(f.path))?.[0] ?? "train";
    bySplit.set(split, [...(bySplit.get(split) ?? []), f]);
  }
  // a folder of unrelated files named "test_x.csv" and "x.csv": both stay in their splits
  const order = ["train", "validation", "test"];
  return [...bySplit.entries()].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([split, fs]) => ({ config: "default", split, files: fs }));
}
