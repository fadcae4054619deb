// Dataset cards: the Hugging Face dataset-card metadata (license, task_categories,
// language, size_categories, configs with their files and splits), checked like model
// cards so the author learns what will not be understood, with the README line at fault.
import { findLicense } from "../licenses/catalog";
import type { CardProblem } from "../cards/front-matter";
import { PIPELINE_TAGS } from "../cards/validate-card";

export const SIZE_CATEGORIES = ["n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M", "1M<n<10M", "10M<n<100M", "100M<n<1B", "1B<n<10B", "10B<n<100B", "100B<n<1T", "n>1T"] as const;

// Dataset tasks are the model tasks plus the few the dataset hub adds.
export const DATASET_TASKS: readonly string[] = [...PIPELINE_TAGS, "text-ranking", "tabular-to-text", "time-series-classification"];

const LANGUAGE = /^([a-z]{2,3}(-[A-Za-z0-9]{2,8})*|multilingual)$/;
const CONFIG_NAME = /^[\w][\w.-]{0,99}$/;
const SPLIT_NAME = /^[\w][\w.-]{0,99}$/;

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const asList = (v: unknown) => (Array.isArray(v) ? v : [v]);

/** A data_files pattern must stay inside the repo. */
function badPattern(p: unknown): boolean {
  return typeof p !== "string" || !p.trim() || p.length > 300 || (p.match(/\*/g) ?? []).length > 6 || p.startsWith("/") || p.split("/").includes("..");
}

/** The problems of one `configs` entry's data_files: a pattern, a list of them, or a list of {split, path}. */
function dataFilesProblems(v: unknown, at: string): string[] {
  if (v === undefined) return [];
  if (typeof v === "string") return badPattern(v) ? [`${at}: data_files must be a path or glob inside the repo`] : [];
  if (!Array.isArray(v) || !v.length) return [`${at}: data_files must be a path, a list of paths, or a list of {split, path}`];
  const out: string[] = [];
  for (const item of v) {
    if (typeof item === "string") {
      if (badPattern(item)) out.push(`${at}: "${item.slice(0, 60)}" is not a path inside the repo`);
    } else if (isObj(item)) {
      if (typeof item.split !== "string" || !SPLIT_NAME.test(item.split)) out.push(`${at}: each split needs a name of letters, digits, _ . -`);
      const paths = asList(item.path);
      if (item.path === undefined || !paths.length || paths.some(badPattern)) out.push(`${at}: split ${String(item.split)} needs path: a path or glob inside the repo (or a list of them)`);
    } else out.push(`${at}: data_files entries are paths or {split, path}`);
  }
  return out;
}

/** Every problem of a dataset card's metadata. */
export function validateDatasetCard(data: Record<string, unknown>, keyLines: Record<string, number> = {}): CardProblem[] {
  const out: CardProblem[] = [];
  const say = (key: string, message: string) => out.push({ message: `${key}: ${message}`, line: keyLines[key] });

  if (data.license !== undefined) {
    const bad = asList(data.license).filter((l) => typeof l !== "string" || !findLicense(l));
    if (bad.length) say("license", `${bad.map((b) => `"${String(b)}"`).slice(0, 3).join(", ")} is not an SPDX id or a known license; use "other" with license_name and license_link`);
  }
  if (data.task_categories !== undefined) {
    const bad = asList(data.task_categories).filter((t) => typeof t !== "string" || !DATASET_TASKS.includes(t));
    if (bad.length) say("task_categories", `${bad.map(String).slice(0, 3).join(", ")} is not a known task (e.g. text-classification, image-classification, question-answering)`);
  }
  if (data.task_ids !== undefined && !asList(data.task_ids).every((t) => typeof t === "string" && /^[\w.-]{1,100}$/.test(t))) say("task_ids", "must be a list of task ids such as sentiment-classification");
  if (data.language !== undefined) {
    const bad = asList(data.language).filter((l) => typeof l !== "string" || !LANGUAGE.test(l));
    if (bad.length) say("language", `use ISO 639 codes such as en or fr (not ${bad.map(String).slice(0, 3).join(", ")})`);
  }
  if (data.size_categories !== undefined) {
    const bad = asList(data.size_categories).filter((s) => !(SIZE_CATEGORIES as readonly unknown[]).includes(s));
    if (bad.length) say("size_categories", `must be one of ${SIZE_CATEGORIES.join(", ")} (not ${bad.map(String).slice(0, 2).join(", ")})`);
  }
  if (data.pretty_name !== undefined && (typeof data.pretty_name !== "string" || data.pretty_name.length > 200)) say("pretty_name", "must be a short title");
  if (data.tags !== undefined && !asList(data.tags).every((t) => typeof t === "string" && t.length <= 100)) say("tags", "must be a list of short strings");
  if (data.configs !== undefined) {
    if (!Array.isArray(data.configs) || !data.configs.length) say("configs", "must be a list of {config_name, data_files}");
    else {
      const names = new Set<string>();
      let defaults = 0;
      data.configs.forEach((c, i) => {
        const at = `config ${i + 1}`;
        if (!isObj(c)) return void say("configs", `${at} must be a mapping with config_name and data_files`);
        const name = c.config_name;
        if (typeof name !== "string" || !CONFIG_NAME.test(name)) say("configs", `${at} needs config_name: letters, digits, _ . -`);
        else if (names.has(name)) say("configs", `config_name ${name} appears twice`);
        else names.add(name);
        if (c.default === true) defaults++;
        for (const p of dataFilesProblems(c.data_files, typeof name === "string" ? `config ${name}` : at)) say("configs", p);
      });
      if (defaults > 1) say("configs", "only one config can be the default");
    }
  }
  return out;
}

export type DatasetFacets = { languages: string[]; license: string | null; tags: string[]; title: string | null; tasks: string[]; size: string | null };

const strs = (v: unknown) => asList(v).filter((x): x is string => typeof x === "string" && !!x.trim()).map((x) => x.trim().slice(0, 100)).slice(0, 100);

/**
 * The catalogue's view of a dataset card: HF-style prefixed tags (task_categories:…,
 * size_categories:…, language:…, license:…, format:…, modality:…) from the card and
 * the data files the repo holds.
 */
export function datasetFacets(card: Record<string, unknown>, body: string, repoLicense: string | null, files: string[]): DatasetFacets {
  const tasks = strs(card.task_categories);
  const languages = [...new Set(strs(card.language).map((l) => l.toLowerCase()))];
  const licenses = strs(card.license).map((l) => l.toLowerCase());
  const license = licenses[0] ?? repoLicense;
  const size = strs(card.size_categories)[0] ?? null;
  const tags = new Set(strs(card.tags));
  for (const t of tasks) tags.add(`task_categories:${t}`);
  for (const t of strs(card.task_ids)) tags.add(`task_ids:${t}`);
  for (const l of languages) tags.add(`language:${l}`);
  if (size) tags.add(`size_categories:${size}`);
  if (license) tags.add(`license:${license}`);
  for (const f of formatsOf(files)) tags.add(`format:${f}`);
  for (const m of modalitiesOf(tasks, files)) tags.add(`modality:${m}`);
  const pretty = typeof card.pretty_name === "string" ? card.pretty_name.trim().slice(0, 200) : null;
  const title = pretty || (/^#\s+(.+)$/m.exec(body)?.[1]?.trim().slice(0, 200) ?? null);
  return { languages, license, tags: [...tags].slice(0, 200), title, tasks, size };
}

const FORMAT_OF: [RegExp, string][] = [
  [/\.parquet$/i, "parquet"],
  [/\.(csv|tsv)$/i, "csv"],
  [/\.(jsonl|ndjson|json)$/i, "json"],
  [/\.(txt)$/i, "text"],
  [/\.(png|jpe?g|gif|webp|bmp)$/i, "imagefolder"],
  [/\.(wav|mp3|flac|ogg)$/i, "audiofolder"],
  [/\.(arrow)$/i, "arrow"],
];

/** The data formats among a repo's files (README and dotfiles aside). */
export function formatsOf(files: string[]): string[] {
  const found = new Set<string>();
  for (const f of files) {
    if (/(^|\/)(\.|README\.md$)/.test(f)) continue;
    const hit = FORMAT_OF.find(([re]) => re.test(f));
    if (hit) found.add(hit[1]);
  }
  return [...found].sort();
}

function modalitiesOf(tasks: string[], files: string[]): string[] {
  const m = new Set<string>();
  const formats = formatsOf(files);
  if (formats.includes("imagefolder") || tasks.some((t) => t.startsWith("image") || t.includes("-image") || t.includes("object-detection"))) m.add("image");
  if (formats.includes("audiofolder") || tasks.some((t) => t.includes("audio") || t.includes("speech"))) m.add("audio");
  if (tasks.some((t) => t.startsWith("tabular") || t.startsWith("time-series"))) m.add("tabular");
  if (tasks.some((t) => t.startsWith("text") || ["translation", "summarization", "question-answering", "fill-mask", "token-classification", "zero-shot-classification"].includes(t))) m.add("text");
  return [...m].sort();
}
