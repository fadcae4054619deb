// The search box as PostgreSQL reads it, for the in-memory index: its words as
// prefixes (to_tsquery('simple', 'w1:* & w2:*')) or as English stems
// (websearch_to_tsquery('english', text)). PostgreSQL does every parse, so
// stemming and stop words are its own. A box of plain words (letters and digits,
// no quotes, "or" or "-") reads as the AND of its words read one by one, so each
// word is parsed once and kept: a query of known words costs no round trip, and
// new words are parsed together in one. tests/integration/search-text.test.ts
// checks the composition against PostgreSQL's parse of the whole box.
import { plainQuery, Prisma } from "../../db/client";
import { prefixQueryText } from "../../repos/list-query";
import { parseTsQuery, type TsQuery } from "./tsquery";

export type ParsedSearch = { q: TsQuery; exact: boolean };
type Parse = ParsedSearch | null; // null: the index cannot read it

const WORDS_MAX = 50_000; // per kind; words are short, this is a few MB at most
const SEARCHES_MAX = 2_000;
const prefixWords = new Map<string, Parse>();
const englishWords = new Map<string, Parse>();
const searches = new Map<string, Parse>();

const PLAIN_TOKEN = /^[\p{L}\p{N}]+$/u;

/** The box's whitespace-separated words when websearch_to_tsquery would read it as their AND; else null. */
function plainTokens(search: string): string[] | null {
  const tokens = search.split(/\s+/).filter(Boolean);
  return tokens.every((t) => PLAIN_TOKEN.test(t) && t.toLowerCase() !== "or") ? tokens : null;
}

/** The prefix words exactly as prefixQueryText writes them. */
const prefixesOf = (search: string) => prefixQueryText(search)!.split(" & ").map((w) => w.slice(0, -2));

export async function parseSearch(search: string): Promise<Parse> {
  const tokens = plainTokens(search);
  return tokens ? composed(prefixesOf(search), tokens) : whole(search);
}

async function composed(prefixes: string[], tokens: string[]): Promise<Parse> {
  const newPrefixes = [...new Set(prefixes.filter((w) => !prefixWords.has(w)))];
  const newTokens = [...new Set(tokens.filter((w) => !englishWords.has(w)))];
  if (newPrefixes.length || newTokens.length) {
    const rows = await plainQuery<{ kind: "p" | "e"; word: string; q: string }>(Prisma.sql`
      SELECT 'p' AS kind, w AS word, to_tsquery('simple', w || ':*')::text AS q FROM unnest(${newPrefixes}::text[]) w
      UNION ALL
      SELECT 'e', w, websearch_to_tsquery('english', w)::text FROM unnest(${newTokens}::text[]) w`);
    for (const r of rows) remember(r.kind === "p" ? prefixWords : englishWords, r.word, parseTsQuery(r.q));
  }
  const a = allOf(prefixes.map((w) => prefixWords.get(w)));
  const b = allOf(tokens.map((w) => englishWords.get(w)));
  return a && b ? { q: { t: "or", a: a.q, b: b.q }, exact: a.exact && b.exact } : null;
}

/** The AND of words' queries as PostgreSQL writes it: left to right, words that read as nothing (stop words) left out. */
function allOf(parts: (Parse | undefined)[]): Parse {
  let q: TsQuery = { t: "none" };
  let exact = true;
  for (const p of parts) {
    if (!p) return null;
    exact &&= p.exact;
    if (p.q.t === "none") continue;
    q = q.t === "none" ? p.q : { t: "and", a: q, b: p.q };
  }
  return { q, exact };
}

async function whole(search: string): Promise<Parse> {
  if (searches.has(search)) return searches.get(search)!;
  const [row] = await plainQuery<{ prefixes: string; english: string }>(Prisma.sql`
    SELECT to_tsquery('simple', ${prefixQueryText(search) ?? ""})::text AS prefixes, websearch_to_tsquery('english', ${search})::text AS english`);
  const a = parseTsQuery(row!.prefixes);
  const b = parseTsQuery(row!.english);
  return remember(searches, search, a && b ? { q: { t: "or", a: a.q, b: b.q }, exact: a.exact && b.exact } : null);
}

function remember(map: Map<string, Parse>, key: string, value: Parse): Parse {
  if (map.size >= (map === searches ? SEARCHES_MAX : WORDS_MAX)) map.delete(map.keys().next().value!);
  map.set(key, value);
  return value;
}
