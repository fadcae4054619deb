// The search box as PostgreSQL reads it, for the in-memory index: its words as
// prefixes (to_tsquery('simple', 'w1:* & w2:*')) or as English stems
// (websearch_to_tsquery('english', text)). PostgreSQL does every parse, so
// stemming and stop words are its own. A box of plain words (letters and digits,
// no quotes, "or" or "-") reads as the AND of its words read one by one, so each
// word is parsed once and kept: a query of known words costs no round trip, and
// new words are parsed together in one. tests/integration/search-text.test.ts
// checks the composition against PostgreSQL's parse of the whole box.
import { plainQuery, Prisma } from "../../db/client";
import { prefixWords as prefixWordsOf, searchQuery } from "../../repos/list-query";
import { parseTsQuery, type TsQuery } from "./tsquery";

export type ParsedSearch = { q: TsQuery; exact: boolean };
type Parse = ParsedSearch | null; // null: the index cannot read it

// Kept per kind: 20,000 words of at most 32 characters (a few MB, whatever visitors type);
// longer words are parsed with their query each time.
const WORDS_MAX = 20_000;
const WORD_KEPT_MAX = 32;
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

export async function parseSearch(search: string): Promise<Parse> {
  const tokens = plainTokens(search);
  return tokens ? composed(prefixWordsOf(search), tokens) : whole(search);
}

const either = (a: Parse, b: Parse): Parse => (a && b ? { q: { t: "or", a: a.q, b: b.q }, exact: a.exact && b.exact } : null);

async function composed(prefixes: string[], tokens: string[]): Promise<Parse> {
  const newPrefixes = [...new Set(prefixes.filter((w) => !prefixWords.has(w)))];
  const newTokens = [...new Set(tokens.filter((w) => !englishWords.has(w)))];
  const justRead = { p: new Map<string, Parse>(), e: new Map<string, Parse>() };
  if (newPrefixes.length || newTokens.length) {
    const rows = await plainQuery<{ kind: "p" | "e"; word: string; q: string }>(Prisma.sql`
      SELECT 'p' AS kind, w AS word, to_tsquery('simple', w || ':*')::text AS q FROM unnest(${newPrefixes}::text[]) w
      UNION ALL
      SELECT 'e', w, websearch_to_tsquery('english', w)::text FROM unnest(${newTokens}::text[]) w`);
    for (const r of rows) {
      const parse = parseTsQuery(r.q);
      justRead[r.kind].set(r.word, parse);
      if (r.word.length <= WORD_KEPT_MAX) remember(r.kind === "p" ? prefixWords : englishWords, r.word, parse);
    }
  }
  return either(allOf(prefixes.map((w) => prefixWords.get(w) ?? justRead.p.get(w))), allOf(tokens.map((w) => englishWords.get(w) ?? justRead.e.get(w))));
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

/** Any other box, parsed whole as the SQL search path writes it (lib/repos/list-query searchQuery). */
async function whole(search: string): Promise<Parse> {
  if (searches.has(search)) return searches.get(search)!;
  const sql = searchQuery(search);
  if (!sql) return null; // no words: nothing for the index to match
  const [row] = await plainQuery<{ q: string }>(Prisma.sql`SELECT (${sql})::text AS q`);
  return remember(searches, search, parseTsQuery(row!.q));
}

function remember(map: Map<string, Parse>, key: string, value: Parse): Parse {
  if (map.size >= (map === searches ? SEARCHES_MAX : WORDS_MAX)) map.delete(map.keys().next().value!);
  map.set(key, value);
  return value;
}
