// The dataset viewer's reader: the first rows of one data file, its columns and their
// types, and the row count where the format says so. Files are read by range, never
// whole: the head of a CSV or JSON Lines file, a Parquet file's footer and the first
// row group's column chunks (through hyparquet). What cannot be shown says why.
import { parse as parseCsv } from "csv-parse/sync";
import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer, type FileMetaData, type SchemaTree } from "hyparquet";
import { readBlobRange } from "../storage";
import type { DataFile } from "./dataset-configs";

export type Column = { name: string; type: string };
export type RowsPreview = {
  columns: Column[];
  rows: Record<string, unknown>[];
  /** All rows of the file, when known (Parquet metadata, or a text file read whole). */
  totalRows: number | null;
  /** Why nothing (or not everything) can be shown, in words for the page. */
  message?: string;
};

/** How much of a text file's head is read for a preview. */
const TEXT_HEAD = 1024 * 1024;
/** A .json file is one document: read whole only up to this size. */
const JSON_WHOLE = 8 * 1024 * 1024;
/** The first row group's compressed bytes the viewer will read. */
const ROW_GROUP_MAX = 32 * 1024 * 1024;
const CELL_CHARS = 500;

export async function previewFile(file: DataFile, limit = 100): Promise<RowsPreview> {
  const kind = /\.parquet$/i.test(file.path) ? "parquet" : /\.(csv|tsv)$/i.test(file.path) ? "csv" : /\.(jsonl|ndjson)$/i.test(file.path) ? "jsonl" : /\.json$/i.test(file.path) ? "json" : null;
  if (!kind) return empty(`${file.path} is not a format the viewer reads (CSV, TSV, JSON Lines, JSON or Parquet)`);
  if (file.size === 0) return { columns: [], rows: [], totalRows: 0, message: `${file.path} is empty` };
  try {
    if (kind === "parquet") return await previewParquet(file, limit);
    if (kind === "json") return await previewJson(file, limit);
    const head = await readHead(file);
    return kind === "csv" ? previewCsv(head, file, limit) : previewJsonl(head, file, limit);
  } catch (e) {
    return empty(`${file.path} could not be read: ${e instanceof Error ? e.message.slice(0, 300) : "unknown error"}`);
  }
}

const empty = (message: string): RowsPreview => ({ columns: [], rows: [], totalRows: null, message });

/** The file's head as text, cut after its last whole line when the file goes on. */
async function readHead(file: DataFile): Promise<{ text: string; whole: boolean }> {
  const whole = file.size <= TEXT_HEAD;
  const bytes = await readBlobRange(file.sha256, 0, Math.min(file.size, TEXT_HEAD) - 1);
  let text = bytes.toString("utf8");
  if (!whole) text = text.slice(0, text.lastIndexOf("\n") + 1);
  return { text, whole };
}

function previewCsv({ text, whole }: { text: string; whole: boolean }, file: DataFile, limit: number): RowsPreview {
  const delimiter = /\.tsv$/i.test(file.path) ? "\t" : ",";
  const records = parseLenient(text, delimiter, whole);
  const [header, ...body] = records;
  if (!header) return empty(`${file.path} has no header row`);
  const names = uniqueNames(header);
  const texts = body.slice(0, limit).map((r) => Object.fromEntries(names.map((n, i) => [n, typed(r[i])])));
  const columns = names.map((n) => ({ name: n, type: columnType(texts.map((r) => r[n])) }));
  const rows = texts.map((r) => Object.fromEntries(columns.map((c) => [c.name, asType(r[c.name], c.type)])));
  return { columns, rows, totalRows: whole ? body.length : null };
}

/** CSV records; of a head cut inside a quoted field, the whole records before it. */
function parseLenient(text: string, delimiter: string, whole: boolean): string[][] {
  const records: string[][] = [];
  try {
    parseCsv(text, {
      delimiter, bom: true, skip_empty_lines: true, relax_column_count: true,
      on_record: (r: string[]) => {
        records.push(r);
        return null; // kept here, so what was parsed survives an error at the cut
      },
    });
  } catch (e) {
    if (whole || records.length < 2) throw e;
  }
  return records;
}

function previewJsonl({ text, whole }: { text: string; whole: boolean }, file: DataFile, limit: number): RowsPreview {
  const lines = text.split("\n").filter((l) => l.trim());
  const rows: Record<string, unknown>[] = [];
  for (const [i, line] of lines.slice(0, limit).entries()) {
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      return { ...fromObjects(rows), totalRows: null, message: `${file.path}: line ${i + 1} is not valid JSON; the rows above it are shown` };
    }
    rows.push(v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v });
  }
  return { ...fromObjects(rows), totalRows: whole ? lines.length : null };
}

async function previewJson(file: DataFile, limit: number): Promise<RowsPreview> {
  if (file.size > JSON_WHOLE) return empty(`${file.path} is one JSON document larger than 8 MiB: the viewer reads JSON Lines or Parquet files of any size`);
  const doc = JSON.parse((await readBlobRange(file.sha256, 0, file.size - 1)).toString("utf8")) as unknown;
  // an array of records, or {"data": [...]} as the datasets library reads it
  const list = Array.isArray(doc) ? doc : doc && typeof doc === "object" && Array.isArray((doc as { data?: unknown }).data) ? (doc as { data: unknown[] }).data : null;
  if (!list) return empty(`${file.path} is not a list of records (or {"data": [...]})`);
  const rows = list.slice(0, limit).map((v) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v }));
  return { ...fromObjects(rows), totalRows: list.length };
}

function fromObjects(raw: Record<string, unknown>[]): Pick<RowsPreview, "columns" | "rows"> {
  const names = [...new Set(raw.flatMap((r) => Object.keys(r)))].slice(0, 200);
  const rows = raw.map((r) => Object.fromEntries(names.map((n) => [n, cell(r[n])])));
  return { columns: names.map((n) => ({ name: n, type: jsonType(raw.map((r) => r[n])) })), rows };
}

/** A Parquet file through its footer and first row group, read by range. */
async function previewParquet(file: DataFile, limit: number): Promise<RowsPreview> {
  const buffer: AsyncBuffer = {
    byteLength: file.size,
    slice: async (start, end) => {
      const b = await readBlobRange(file.sha256, start, (end ?? file.size) - 1);
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
    },
  };
  const metadata: FileMetaData = await parquetMetadataAsync(buffer);
  const totalRows = Number(metadata.num_rows);
  const columns = parquetSchema(metadata).children.map((c) => ({ name: c.element.name, type: parquetType(c) }));
  const first = metadata.row_groups[0];
  const bytes = first ? first.columns.reduce((n, c) => n + Number(c.meta_data?.total_compressed_size ?? 0), 0) : 0;
  const inflated = first ? first.columns.reduce((n, c) => n + Number(c.meta_data?.total_uncompressed_size ?? 0), 0) : 0;
  // what the footer declares must stay in bounds before a page is decoded (a small file can claim huge pages)
  if (inflated > ROW_GROUP_MAX * 8 || Number(first?.num_rows ?? 0) > 10_000_000) return { columns, rows: [], totalRows, message: `The first row group of ${file.path} declares ${Math.round(inflated / 2 ** 20)} MiB and ${Number(first?.num_rows ?? 0)} rows once decoded: too large to preview` };
  if (bytes > ROW_GROUP_MAX) return { columns, rows: [], totalRows, message: `The first row group of ${file.path} holds ${Math.round(bytes / 2 ** 20)} MiB: too large to preview (write smaller row groups)` };
  const raw = (await parquetReadObjects({ file: buffer, metadata, rowStart: 0, rowEnd: Math.min(limit, totalRows) })) as Record<string, unknown>[];
  return { columns, rows: raw.map((r) => Object.fromEntries(columns.map((c) => [c.name, cell(r[c.name])]))), totalRows };
}

function parquetType(node: SchemaTree): string {
  const e = node.element;
  if (node.children.length) return e.converted_type === "LIST" || e.logical_type?.type === "LIST" ? "list" : e.converted_type === "MAP" ? "map" : "struct";
  const logical = e.logical_type?.type;
  if (logical === "STRING" || e.converted_type === "UTF8") return "string";
  if (logical === "TIMESTAMP" || e.converted_type === "TIMESTAMP_MILLIS" || e.converted_type === "TIMESTAMP_MICROS" || e.type === "INT96") return "timestamp";
  if (logical === "DATE" || e.converted_type === "DATE") return "date";
  if (logical === "DECIMAL" || e.converted_type === "DECIMAL") return "decimal";
  const physical: Record<string, string> = { BOOLEAN: "bool", INT32: "int32", INT64: "int64", FLOAT: "float32", DOUBLE: "float64", BYTE_ARRAY: "binary", FIXED_LEN_BYTE_ARRAY: "binary" };
  return physical[e.type ?? ""] ?? "unknown";
}

/** A value the page and the API can show: JSON-safe, long texts and blobs cut. */
function cell(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return `<${v.length} bytes>`;
  if (typeof v === "string") return v.length > CELL_CHARS ? `${v.slice(0, CELL_CHARS)}…` : v;
  if (typeof v === "object") {
    const text = JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x instanceof Uint8Array ? `<${x.length} bytes>` : x));
    return text.length > CELL_CHARS ? `${text.slice(0, CELL_CHARS)}…` : (JSON.parse(text) as unknown);
  }
  return v;
}

/** A CSV field as the value it reads as: numbers and booleans stay text in the file but show their type. */
function typed(v: string | undefined): unknown {
  if (v === undefined || v === "") return null;
  return cell(v);
}

function asType(v: unknown, type: string): unknown {
  if (typeof v !== "string") return v;
  if (type === "int64" || type === "float64") return Number(v);
  if (type === "bool") return v.toLowerCase() === "true";
  return v;
}

function columnType(values: unknown[]): string {
  const seen = values.filter((v): v is string => typeof v === "string");
  if (!seen.length) return "null";
  if (seen.every((v) => /^-?\d{1,15}$/.test(v))) return "int64";
  if (seen.every((v) => /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v) || /^(nan|inf|-inf)$/i.test(v))) return "float64";
  if (seen.every((v) => /^(true|false)$/i.test(v))) return "bool";
  return "string";
}

function jsonType(values: unknown[]): string {
  const kinds = new Set(values.filter((v) => v !== null && v !== undefined).map((v) => (Array.isArray(v) ? "list" : typeof v === "number" ? (Number.isInteger(v) ? "int64" : "float64") : typeof v === "boolean" ? "bool" : typeof v === "string" ? "string" : "struct")));
  if (kinds.size === 2 && kinds.has("int64") && kinds.has("float64")) return "float64";
  return kinds.size === 1 ? [...kinds][0]! : kinds.size === 0 ? "null" : "mixed";
}

function uniqueNames(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.slice(0, 200).map((h, i) => {
    const base = h.trim() || `column_${i + 1}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n ? `${base}_${n + 1}` : base;
  });
}
