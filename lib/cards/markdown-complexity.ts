// Bounds on Markdown that the parser handles in time that grows faster than the
// text (micromark resolves emphasis, links and nesting with look-backs): checked in
// one linear pass before any card or comment is parsed.
// Hostile input otherwise costs seconds per few KB (24 KB of nested emphasis: 10 s of one
// core). No real card or comment comes near these bounds.
const MAX_DELIMITERS_PER_BLOCK = 600; // * _ ~ [ ] ` $ < { in one paragraph or block
const MAX_DELIMITERS = 8000;
const MAX_INDENT = 96; // columns of leading whitespace (deeply nested lists and quotes)
const MAX_QUOTE_DEPTH = 32;
const MAX_TABLE_CELLS = 10_000; // | in the whole text

/** Why a card would take the parser too long, or null; one pass, fenced code skipped. */
export function complexityProblem(text: string): string | null {
  let inBlock = 0;
  let total = 0;
  let cells = 0;
  let fence: string | null = null;
  for (const line of text.split("\n")) {
    const trimmed = line.trimStart();
    const f = /^(`{3,}|~{3,})/.exec(trimmed)?.[1];
    if (fence) {
      if (f && f[0] === fence[0] && f.length >= fence.length) fence = null;
      continue;
    }
    if (f) {
      fence = f;
      continue;
    }
    if (!trimmed) {
      inBlock = 0;
      continue;
    }
    const indent = line.length - trimmed.length + (line.slice(0, line.length - trimmed.length).match(/\t/g)?.length ?? 0) * 3;
    if (indent > MAX_INDENT) return `it is indented more than ${MAX_INDENT} columns`;
    if ((/^(>\s*)+/.exec(trimmed)?.[0].replace(/\s/g, "").length ?? 0) > MAX_QUOTE_DEPTH) return `it nests quotes deeper than ${MAX_QUOTE_DEPTH}`;
    let n = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      // * _ ~ [ ] ` $ < {
      if (c === 42 || c === 95 || c === 126 || c === 91 || c === 93 || c === 96 || c === 36 || c === 60 || c === 123) n++;
      else if (c === 124) cells++;
    }
    if (cells > MAX_TABLE_CELLS) return `its tables hold more than ${MAX_TABLE_CELLS} cells`;
    inBlock += n;
    total += n;
    if (inBlock > MAX_DELIMITERS_PER_BLOCK) return `one paragraph holds more than ${MAX_DELIMITERS_PER_BLOCK} markup characters`;
    if (total > MAX_DELIMITERS) return `it holds more than ${MAX_DELIMITERS} markup characters`;
  }
  return null;
}
