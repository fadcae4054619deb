// Writing tree rows: the one way new trees reach the database (web and API commits, git pushes).
import type { DbTx, TreeEntry } from "./tree-entries";

// A push can carry thousands of trees: each statement takes about this much JSON (in characters).
const STATEMENT_CHARS = 8 << 20;

/**
 * Inserts trees by id; ids already stored are left as they are (trees are content-addressed).
 * The entries go as JSON text: the ORM walks a JSON argument value by value, which for a
 * folder of 10,000 files cost more than PostgreSQL's own parsing and storing of it.
 */
export async function storeTrees(tx: DbTx, trees: Map<string, TreeEntry[]>, statementChars = STATEMENT_CHARS): Promise<void> {
  let ids: string[] = [];
  let bodies: string[] = [];
  let chars = 0;
  const flush = async () => {
    if (!ids.length) return;
    await tx.$executeRaw`INSERT INTO "Tree" (id, entries) SELECT id, body::jsonb FROM unnest(${ids}::text[], ${bodies}::text[]) AS t(id, body) ON CONFLICT (id) DO NOTHING`;
    [ids, bodies, chars] = [[], [], 0];
  };
  for (const [id, entries] of trees) {
    const body = JSON.stringify(entries);
    ids.push(id);
    bodies.push(body);
    chars += body.length;
    if (chars >= statementChars) await flush();
  }
  await flush();
}
