// Text classification datasets: CSV with `text` and `label` columns (RFC 4180
// quoting) or JSON Lines of {"text", "label"}. Every row is checked; the first
// bad one is reported with its line number.
import { badRequest } from "../errors";
import { limits } from "./limits";

export type TextExample = { text: string; label: string };

function parseCsv(src: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const end = () => { row.push(field); field = ""; };
  for (; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") end();
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      end();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (quoted) throw badRequest("The CSV ends inside a quoted field");
  if (field !== "" || row.length) { end(); rows.push(row); }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

export function parseTextDataset(name: string, bytes: Buffer): TextExample[] {
  const L = limits();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw badRequest("The dataset is not UTF-8 text");
  }
  const out: TextExample[] = [];
  const add = (t: unknown, l: unknown, where: string) => {
    if (typeof t !== "string" || !t.trim()) throw badRequest(`${where}: text is empty`);
    if (typeof l !== "string" && typeof l !== "number") throw badRequest(`${where}: label must be a string or a number`);
    const label = String(l).trim();
    if (!label || label.length > 100) throw badRequest(`${where}: labels are 1 to 100 characters`);
    if (t.length > L.textChars) throw badRequest(`${where}: text is longer than ${L.textChars} characters`);
    if (out.length >= L.rows) throw badRequest(`The dataset has more than ${L.rows} rows`);
    out.push({ text: t, label });
  };
  if (/\.jsonl?$/i.test(name)) {
    text.split(/\r?\n/).forEach((line, k) => {
      if (!line.trim()) return;
      let o: unknown;
      try {
        o = JSON.parse(line);
      } catch {
        throw badRequest(`line ${k + 1}: not valid JSON`);
      }
      if (!o || typeof o !== "object") throw badRequest(`line ${k + 1}: not a JSON object`);
      add((o as TextExample).text, (o as TextExample).label, `line ${k + 1}`);
    });
  } else if (/\.csv$/i.test(name)) {
    const rows = parseCsv(text);
    const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
    const ti = header.indexOf("text");
    const li = header.indexOf("label");
    if (ti < 0 || li < 0) throw badRequest('The CSV needs a header row with "text" and "label" columns');
    rows.slice(1).forEach((r, k) => add(r[ti], r[li], `row ${k + 2}`));
  } else throw badRequest("Text datasets are .csv (text,label) or .jsonl ({\"text\", \"label\"}) files");
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
