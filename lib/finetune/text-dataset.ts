// Text classification datasets: CSV with `text` and `label` columns (or the columns
// the job names; RFC 4180 quoting through csv-parse), JSON Lines of {"text", "label"},
// and from dataset repos JSON and Parquet too. Every row is checked; the first bad one
// is reported with its line number.
import { badRequest } from "../errors";
import { limits } from "./limits";
import { csvRows, jsonLines, readTable, utf8, type Row } from "./table-dataset";

export type TextExample = { text: string; label: string };

export type TextColumns = { text: string; label: string };
const DEFAULT_COLUMNS: TextColumns = { text: "text", label: "label" };

/** Text examples of a CSV/TSV or JSON Lines upload, checked row by row (synchronous: used at submit time). */
export function parseTextDataset(name: string, bytes: Buffer, cols: TextColumns = DEFAULT_COLUMNS): TextExample[] {
  if (/\.(jsonl?|ndjson)$/i.test(name)) return examplesOf(jsonLines(utf8(bytes)), cols, (i) => `line ${i + 1}`);
  if (/\.(csv|tsv)$/i.test(name)) return examplesOf(csvRows(utf8(bytes), /\.tsv$/i.test(name) ? "\t" : ","), cols, (i) => `row ${i + 2}`);
  throw badRequest('Text datasets are .csv (text,label) or .jsonl ({"text", "label"}) files, or Parquet and JSON from a dataset repo');
}

/** Text examples of any table the hub reads (CSV, JSON Lines, JSON, Parquet), e.g. a dataset repo's file. */
export async function readTextDataset(name: string, bytes: Buffer, cols: TextColumns = DEFAULT_COLUMNS): Promise<TextExample[]> {
  if (/\.(csv|tsv|jsonl|ndjson)$/i.test(name)) return parseTextDataset(name, bytes, cols);
  return examplesOf(await readTable(name, bytes), cols, (i) => `row ${i + 1}`);
}

function examplesOf(rows: Row[], cols: TextColumns, where: (i: number) => string): TextExample[] {
  const L = limits();
  if (rows.length > L.rows) throw badRequest(`The dataset has more than ${L.rows} rows`);
  const names = Object.keys(rows[0] ?? {});
  const find = (w: string) => names.find((n) => n === w) ?? names.find((n) => n.toLowerCase() === w.toLowerCase());
  const [tc, lc] = [find(cols.text), find(cols.label)];
  if (rows.length && (!tc || !lc)) throw badRequest(`The dataset needs "${cols.text}" and "${cols.label}" columns; it has ${names.map((n) => `"${n}"`).join(", ") || "none"}`);
  const out: TextExample[] = rows.map((r, i) => {
    const t = r[tc!];
    const l = r[lc!];
    if (typeof t !== "string" || !t.trim()) throw badRequest(`${where(i)}: text is empty`);
    if (typeof l !== "string" && typeof l !== "number" && typeof l !== "boolean" && typeof l !== "bigint") throw badRequest(`${where(i)}: label must be a string or a number`);
    const label = String(l).trim();
    if (!label || label.length > 100) throw badRequest(`${where(i)}: labels are 1 to 100 characters`);
    if (t.length > L.textChars) throw badRequest(`${where(i)}: text is longer than ${L.textChars} characters`);
    return { text: t, label };
  });
  checkLabels(out.map((e) => e.label));
  return out;
}

export function checkLabels(labels: string[]): string[] {
  const L = limits();
  const set = [...new Set(labels)].sort();
  if (set.length < 2) throw badRequest("A classification dataset needs at least two labels");
  if (set.length > L.labels) throw badRequest(`The dataset has ${set.length} labels (limit ${L.labels})`);
  return set;
}
