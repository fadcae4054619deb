// The card editor's round trip: the form's fields from a card's metadata, and a
// README from edited fields and body. Keys the form does not show (model-index,
// widget, gating fields…) are kept as they were.
import YAML from "yaml";
import { parseCard } from "./front-matter";

export type CardForm = {
  pipeline_tag: string;
  library_name: string;
  license: string;
  language: string;
  datasets: string;
  base_model: string;
  tags: string;
};

export const FORM_KEYS = ["pipeline_tag", "library_name", "license", "language", "datasets", "base_model", "tags"] as const;
const LISTS = new Set(["language", "datasets", "tags"]);

const listOf = (v: unknown) => (Array.isArray(v) ? v.filter((x) => typeof x === "string").join(", ") : typeof v === "string" ? v : "");

export function cardFormFrom(data: Record<string, unknown>): CardForm {
  return {
    pipeline_tag: typeof data.pipeline_tag === "string" ? data.pipeline_tag : "",
    library_name: typeof data.library_name === "string" ? data.library_name : "",
    license: typeof data.license === "string" ? data.license : "",
    language: listOf(data.language),
    datasets: listOf(data.datasets),
    base_model: listOf(data.base_model),
    tags: listOf(data.tags),
  };
}

/** README text from the card it replaces (for the keys the form leaves alone), the form and the body. */
export function composeReadme(previous: string, form: Partial<CardForm>, body: string): string {
  const old = parseCard(previous);
  // unreadable old metadata is not carried over: the form is all that is known
  const data: Record<string, unknown> = old.errors.length ? {} : { ...old.data };
  for (const key of FORM_KEYS) {
    const raw = (form[key] ?? "").trim();
    const values = raw.split(",").map((v) => v.trim()).filter(Boolean);
    if (!raw) delete data[key];
    else if (LISTS.has(key)) data[key] = values;
    else if (key === "base_model") data[key] = values.length > 1 ? values : values[0];
    else data[key] = raw;
  }
  const text = body.replace(/\r\n/g, "\n").replace(/^\s*\n/, "");
  if (!Object.keys(data).length) return text;
  return `---\n${YAML.stringify(data, { lineWidth: 0 }).trimEnd()}\n---\n\n${text}`;
}
