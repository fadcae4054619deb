// Splits a model card into YAML front matter and body, and parses the YAML with
// errors that name the line (lines counted in the whole README).
import YAML, { LineCounter } from "yaml";

export type CardProblem = { message: string; line?: number };
export type ParsedCard = {
  data: Record<string, unknown>;
  body: string;
  /** Line of README.md on which the body starts (1-based). */
  bodyLine: number;
  errors: CardProblem[];
  /** README.md line of each top-level metadata key (for problems that point at one). */
  keyLines: Record<string, number>;
};

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;
const MAX_YAML = 256 * 1024;

export function parseCard(readme: string): ParsedCard {
  const text = readme.replace(/^\uFEFF/, "");
  const m = FENCE.exec(text);
  if (!m) return { data: {}, body: text, bodyLine: 1, errors: [], keyLines: {} };
  const yamlText = m[1] ?? "";
  const body = text.slice(m[0].length);
  const bodyLine = m[0].split("\n").length;
  if (yamlText.length > MAX_YAML) return { data: {}, body, bodyLine, errors: [{ message: "The metadata block is larger than 256 KiB", line: 1 }], keyLines: {} };
  const lines = new LineCounter();
  const doc = YAML.parseDocument(yamlText, { uniqueKeys: true, prettyErrors: true, lineCounter: lines });
  if (doc.errors.length) {
    return {
      data: {},
      body,
      bodyLine,
      errors: doc.errors.map((e) => ({ message: e.message.split("\n")[0]!, line: (e.linePos?.[0]?.line ?? 0) + 1 })),
      keyLines: {},
    };
  }
  const data = doc.toJS({ maxAliasCount: 50 }) as unknown;
  if (data === null || data === undefined) return { data: {}, body, bodyLine, errors: [], keyLines: {} };
  if (typeof data !== "object" || Array.isArray(data)) {
    return { data: {}, body, bodyLine, errors: [{ message: "The metadata block must be a YAML mapping (key: value)", line: 2 }], keyLines: {} };
  }
  const keyLines: Record<string, number> = {};
  if (YAML.isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = YAML.isScalar(pair.key) ? String(pair.key.value) : null;
      const at = YAML.isNode(pair.key) ? pair.key.range?.[0] : undefined;
      if (key !== null && at !== undefined) keyLines[key] = lines.linePos(at).line + 1; // +1: the opening ---
    }
  }
  return { data: data as Record<string, unknown>, body, bodyLine, errors: [], keyLines };
}
