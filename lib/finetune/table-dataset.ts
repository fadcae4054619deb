// Tables for training: CSV/TSV (csv-parse), JSON Lines, JSON (a list of records, or
// {"data": [...]}) and Parquet (hyparquet), as rows of named cells. Bounded by the
// dataset limits before this is called; every refusal names the line or row at fault.
import { parse as parseCsv } from "csv-parse/sync";
import { parquetReadObjects } from "hyparquet";
import { badRequest } from "../errors";
import { limits } from "./limits";

export type Row = Record<string, unknown>;

export const TABLE_FILE = /\.(csv|tsv|jsonl|ndjson|json|parquet)$/i;

export async function readTable(name: string, bytes: Buffer): Promise<Row[]> {
  const L = limits();
  let rows: Row[];
  if (/\.parquet$/i.test(name)) {
    try {
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
      rows = (await parquetReadObjects({ file, rowEnd: L.rows + 1 })) as Row[];
    } catch (e) {
      throw badRequest(`${name} is not a Parquet file this hub can read: ${(e as Error).message.slice(0, 200)}`);
    }
  } else {
    const text = utf8(bytes);
    if (/\.(csv|tsv)$/i.test(name)) rows = csvRows(text, /\.tsv$/i.test(name) ? "\t" : ",");
    else if (/\.(jsonl|ndjson)$/i.test(name)) rows = jsonLines(text);
    else if (/\.json$/i.test(name)) rows = jsonDocument(text);
    else throw badRequest("Datasets are .csv, .tsv, .jsonl, .json or .parquet files");
  }
  if (rows.length > L.rows) throw badRequest(`The dataset has more than ${L.rows} rows`);
  return rows;
}

export function utf8(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw badRequest("The dataset is not UTF-8 text");
  }
}

export function csvRows(text: string, delimiter: string): Row[] {
  try {
    return parseCsv(text, { delimiter, columns: (h: string[]) => h.map((c) => c.trim()), skip_empty_lines: true, relax_column_count: false, trim: false }) as Row[];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw badRequest(`${line ? `line ${line}: ` : ""}${(e as Error).message.replace(/^Invalid Record Length: /, "").slice(0, 200)}`);
  }
}

export function jsonLines(text: string): Row[] {
  const out: Row[] = [];
  text.split(/\r?\n/).forEach((line, k) => {
    if (!line.trim()) return;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      throw badRequest(`line ${k + 1}: not valid JSON`);
    }
    if (!o || typeof o !== "object" || Array.isArray(o)) throw badRequest(`line ${k + 1}: not a JSON object`);
    out.push(o as Row);
  });
  return out;
}

function jsonDocument(text: string): Row[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw badRequest("The JSON file does not parse");
  }
  const list = Array.isArray(doc) ? doc : doc && typeof doc === "object" && Array.isArray((doc as { data?: unknown }).data) ? (doc as { data: unknown[] }).data : null;
  if (!list) throw badRequest('A JSON dataset is a list of records, or {"data": [...]}');
  list.forEach((r, i) => {
    if (!r || typeof r !== "object" || Array.isArray(r)) throw badRequest(`record ${i + 1}: not an object`);
  });
  return list as Row[];
}

/** The column named `wanted`, matched without regard to case, or a clear refusal listing what the table has. */
export function column(rows: Row[], wanted: string, role: string): string {
  const names = Object.keys(rows[0] ?? {});
  const hit = names.find((n) => n === wanted) ?? names.find((n) => n.toLowerCase() === wanted.toLowerCase());
  if (!hit) throw badRequest(`The dataset needs a "${wanted}" column for the ${role}; it has ${names.map((n) => `"${n}"`).join(", ") || "no columns"}`);
  return hit;
}
