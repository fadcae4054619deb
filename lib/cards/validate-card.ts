// Checks a card's metadata against the Hugging Face model-card fields, so that the
// author learns what will not be understood (a misspelt task, a license nobody
// knows, an eval table the page cannot draw) with the README line at fault. These
// are warnings: the card is still stored and shown; broken YAML is an error instead.
import { findLicense } from "../licenses/catalog";
import { RELATIONS } from "./relations";
import type { CardProblem } from "./front-matter";
import { parseDemoSpec } from "../demo/demo-spec";

export const PIPELINE_TAGS = [
  "text-classification", "token-classification", "table-question-answering", "question-answering", "zero-shot-classification",
  "translation", "summarization", "feature-extraction", "text-generation", "text2text-generation", "fill-mask", "sentence-similarity",
  "text-to-speech", "text-to-audio", "automatic-speech-recognition", "audio-to-audio", "audio-classification", "voice-activity-detection",
  "depth-estimation", "image-classification", "object-detection", "image-segmentation", "text-to-image", "image-to-text", "image-to-image",
  "image-to-video", "unconditional-image-generation", "video-classification", "reinforcement-learning", "robotics", "tabular-classification",
  "tabular-regression", "tabular-to-text", "table-to-text", "multiple-choice", "text-retrieval", "time-series-forecasting", "text-to-video",
  "image-text-to-text", "visual-question-answering", "document-question-answering", "zero-shot-image-classification", "graph-ml",
  "mask-generation", "zero-shot-object-detection", "text-to-3d", "image-to-3d", "image-feature-extraction", "video-text-to-text",
  "keypoint-detection", "pose-estimation", "any-to-any", "visual-document-retrieval", "audio-text-to-text", "other",
] as const;

const MODEL_ID = /^[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}$/;
const DATASET_ID = /^[A-Za-z0-9][\w.-]{0,95}(\/[A-Za-z0-9][\w.-]{0,95})?$/;
const LANGUAGE = /^([a-z]{2,3}(-[A-Za-z0-9]{2,8})*|multilingual)$/;
const SLUG = /^[a-z0-9][a-z0-9.+-]{0,99}$/;
const GATE_TYPES = ["text", "checkbox", "date_picker", "country"];

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
const asList = (v: unknown) => (Array.isArray(v) ? v : [v]);

/** Every problem of a card's metadata; `files` are the repo's paths (a LICENSE file can stand for license_link). */
export function validateCardData(data: Record<string, unknown>, keyLines: Record<string, number> = {}, files: string[] = []): CardProblem[] {
  const out: CardProblem[] = [];
  const say = (key: string, message: string) => out.push({ message: `${key}: ${message}`, line: keyLines[key] });

  const license = data.license;
  if (license !== undefined) {
    if (typeof license !== "string") say("license", "must be one license id, e.g. apache-2.0 (use license_name for another)");
    else if (!findLicense(license)) say("license", `"${license}" is not an SPDX id or a known model license; use "other" with license_name and license_link`);
    else if (license.toLowerCase() === "other") {
      const hasFile = files.some((f) => /^LICEN[CS]E(\.(md|txt))?$/i.test(f));
      if (typeof data.license_name !== "string") say("license", '"other" needs license_name (a short id such as my-research-license)');
      if (typeof data.license_link !== "string" && !hasFile) say("license", '"other" needs license_link (a URL or the path of a LICENSE file) or a LICENSE file in the repo');
    }
  }
  if (data.license_name !== undefined && (typeof data.license_name !== "string" || !SLUG.test(data.license_name))) say("license_name", "must be a lowercase id of letters, digits, dots and dashes");
  if (data.license_link !== undefined) {
    const link = data.license_link;
    if (typeof link !== "string" || !(/^https?:\/\/\S+$/.test(link) || (/^[\w./-]+$/.test(link) && !link.split("/").includes("..") && !link.startsWith("/")))) {
      say("license_link", "must be an http(s) URL or a relative path inside the repo");
    }
  }
  if (data.tags !== undefined && !(typeof data.tags === "string" || (strings(data.tags) && data.tags.every((t) => t.length <= 100)))) say("tags", "must be a list of short strings");
  if (data.pipeline_tag !== undefined && !(PIPELINE_TAGS as readonly unknown[]).includes(data.pipeline_tag)) {
    say("pipeline_tag", `"${String(data.pipeline_tag)}" is not a known task (e.g. text-classification, image-classification, text-generation)`);
  }
  if (data.library_name !== undefined && (typeof data.library_name !== "string" || !/^[\w.-]{1,100}$/.test(data.library_name))) say("library_name", "must be a library id such as transformers or tfjs");
  if (data.language !== undefined) {
    const bad = asList(data.language).filter((l) => typeof l !== "string" || !LANGUAGE.test(l));
    if (bad.length) say("language", `use ISO 639 codes such as en or fr (not ${bad.map(String).slice(0, 3).join(", ")})`);
  }
  if (data.datasets !== undefined) {
    const bad = asList(data.datasets).filter((d) => typeof d !== "string" || !DATASET_ID.test(d));
    if (bad.length) say("datasets", `must be dataset ids such as imdb or owner/name (not ${bad.map(String).slice(0, 3).join(", ")})`);
  }
  if (data.base_model !== undefined) {
    const bad = asList(data.base_model).filter((b) => typeof b !== "string" || !MODEL_ID.test(b.trim()));
    if (bad.length) say("base_model", `must be model ids of the form owner/name (not ${bad.map(String).slice(0, 3).join(", ")})`);
  }
  if (data.base_model_relation !== undefined) {
    if (!(RELATIONS as readonly unknown[]).includes(data.base_model_relation)) say("base_model_relation", `must be one of ${RELATIONS.join(", ")}`);
    else if (data.base_model === undefined) say("base_model_relation", "needs base_model");
  }
  if (data.metrics !== undefined && !(typeof data.metrics === "string" || strings(data.metrics))) say("metrics", "must be a list of metric ids such as accuracy or f1");
  if (data["model-index"] !== undefined) for (const p of modelIndexProblems(data["model-index"])) say("model-index", p);
  if (data.widget !== undefined) {
    const ok = Array.isArray(data.widget) && data.widget.every((w) => isObj(w) && ["text", "src", "example_title", "output", "context", "table", "structured_data"].some((k) => k in w));
    if (!ok) say("widget", "must be a list of examples, each with text, src or structured_data (and optionally example_title)");
  }
  if (data.demo !== undefined) for (const p of parseDemoSpec(data, files).problems) say("demo", p);
  if (data.extra_gated_fields !== undefined) {
    const f = data.extra_gated_fields;
    const ok = isObj(f) && Object.values(f).every((t) => (typeof t === "string" && GATE_TYPES.includes(t)) || (isObj(t) && t.type === "select" && Array.isArray(t.options) && t.options.length > 0));
    if (!ok) say("extra_gated_fields", `maps each question to a type: ${GATE_TYPES.join(", ")}, or {type: select, options: [...]}`);
  }
  for (const k of ["extra_gated_prompt", "extra_gated_heading", "extra_gated_button_content"]) if (data[k] !== undefined && typeof data[k] !== "string") say(k, "must be text");
  return out;
}

/** The model-index (eval results) shape the page's table needs, one message per problem (at most 5). */
export function modelIndexProblems(v: unknown): string[] {
  const out: string[] = [];
  if (!Array.isArray(v)) return ["must be a list of {name, results}"];
  v.forEach((entry, i) => {
    if (!isObj(entry) || !Array.isArray(entry.results)) return void out.push(`entry ${i + 1} needs a list of results`);
    entry.results.forEach((r, j) => {
      const at = `result ${j + 1} of entry ${i + 1}`;
      if (!isObj(r)) return void out.push(`${at} must be a mapping`);
      if (!isObj(r.task) || typeof r.task.type !== "string") out.push(`${at} needs task.type`);
      if (!isObj(r.dataset) || typeof r.dataset.type !== "string" || typeof r.dataset.name !== "string") out.push(`${at} needs dataset.type and dataset.name`);
      if (!Array.isArray(r.metrics) || !r.metrics.length || !r.metrics.every((m) => isObj(m) && typeof m.type === "string" && (typeof m.value === "number" || typeof m.value === "string"))) {
        out.push(`${at} needs metrics, each with type and value`);
      }
    });
  });
  return out.slice(0, 5);
}
