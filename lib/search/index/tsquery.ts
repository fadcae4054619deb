// Reads PostgreSQL's text form of a tsquery ("'whisper':* & 'small'", "!'x' | ( 'a' & 'b' )")
// so the in-memory index answers exactly what `search @@ query` would. PostgreSQL
// still does the parsing, stemming and stop words; this only reads its result. The
// index holds no word positions, so a phrase ("a <-> b", which hyphenated words and
// quotes produce) is read as "a & b", a superset, and the result says it is not
// exact: its matches must then be confirmed by PostgreSQL. Weight restrictions are
// refused (null); our queries never make them.
export type TsQuery =
  | { t: "term"; lexeme: string; prefix: boolean }
  | { t: "and" | "or"; a: TsQuery; b: TsQuery }
  | { t: "not"; a: TsQuery }
  | { t: "none" };

type Token = { op: string; phrase?: boolean } | { term: string; prefix: boolean; weights: boolean };

function tokenize(text: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " ") i++;
    else if (c === "&" || c === "|" || c === "!" || c === "(" || c === ")") {
      out.push({ op: c });
      i++;
    }
    else if (c === "<") {
      // <-> or <N>: followed by, read as "and"
      const m = /^<(-|\d+)>/.exec(text.slice(i));
      if (!m) return null;
      out.push({ op: "&", phrase: true });
      i += m[0].length;
    }
    else if (c === "'") {
      let lexeme = "";
      i++;
      for (;;) {
        if (i >= text.length) return null;
        const d = text[i]!;
        if (d === "'" && text[i + 1] !== "'") break;
        const escaped = (d === "\\" && i + 1 < text.length) || d === "'"; // \x, or '' for a quote
        lexeme += escaped ? text[i + 1] : d;
        i += escaped ? 2 : 1;
      }
      i++;
      let prefix = false;
      let weights = false;
      if (text[i] === ":") {
        i++;
        for (; i < text.length && /[*a-dA-D]/.test(text[i]!); i++) {
          if (text[i] === "*") prefix = true;
          else weights = true;
        }
      }
      out.push({ term: lexeme, prefix, weights });
    } else return null;
  }
  return out;
}

/**
 * The query (`{t: "none"}` for an empty one, which matches nothing) and whether the
 * index's reading is exact; null when the index cannot answer it.
 */
export function parseTsQuery(text: string): { q: TsQuery; exact: boolean } | null {
  const tokens = tokenize(text.trim());
  if (!tokens) return null;
  if (tokens.length === 0) return { q: { t: "none" }, exact: true };
  const exact = !tokens.some((t) => "op" in t && t.phrase);
  let at = 0;
  let ok = true;
  const peek = () => tokens[at];
  const isOp = (tok: Token | undefined, op: string) => !!tok && "op" in tok && tok.op === op;
  // precedence: ! binds tightest, then &, then |
  const primary = (): TsQuery => {
    const tok = tokens[at++];
    if (!tok) {
      ok = false;
      return { t: "none" };
    }
    if ("term" in tok) {
      if (tok.weights) ok = false;
      return { t: "term", lexeme: tok.term, prefix: tok.prefix };
    }
    if (tok.op === "!") return { t: "not", a: primary() };
    if (tok.op === "(") {
      const inner = or();
      if (!isOp(tokens[at++], ")")) ok = false;
      return inner;
    }
    ok = false;
    return { t: "none" };
  };
  const and = (): TsQuery => {
    let left = primary();
    while (isOp(peek(), "&")) {
      at++;
      left = { t: "and", a: left, b: primary() };
    }
    return left;
  };
  const or = (): TsQuery => {
    let left = and();
    while (isOp(peek(), "|")) {
      at++;
      left = { t: "or", a: left, b: and() };
    }
    return left;
  };
  const q = or();
  return ok && at === tokens.length ? { q, exact } : null;
}
