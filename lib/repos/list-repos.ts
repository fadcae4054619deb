// The public catalogue: newest first (or by last update or downloads), keyset-paginated (stable under inserts),
// with a name filter. Private repos appear only to their owner.
import { db } from "../db/client";
import { toRepoRow, type RepoSqlRow } from "./find-repo";
import { indexedPage } from "../search/index/indexed-catalogue";
import { type ListOptions, type RepoPage, encodeCursor, listReposQuery } from "./list-query";

export async function withSubstringFallback<T>(opts: ListOptions, run: (o: ListOptions) => Promise<T>, empty: (r: T) => boolean): Promise<T> {
  const first = await run(opts);
  const term = opts.search?.trim() ?? "";
  if (!empty(first) || opts.cursor || opts.substring || term.length < 3 || /[\s/]/.test(term)) return first;
  return run({ ...opts, substring: true });
}

export async function listRepos(opts: ListOptions): Promise<RepoPage> {
  return withSubstringFallback(opts, listPage, (p) => p.repos.length === 0);
}

async function listPage(opts: ListOptions): Promise<RepoPage> {
  return (await indexedPage(opts)) ?? (await postgresPage(opts));
}

/** One page from PostgreSQL alone (what the index answers when it can; tests compare the two). */
export async function postgresPage(opts: ListOptions): Promise<RepoPage> {
  const { sql, limit, sort, substring } = listReposQuery(opts);
  const rows = (await db().$queryRaw<RepoSqlRow[]>(sql)).map(toRepoRow);
  const more = rows.length > limit;
  const repos = rows.slice(0, limit);
  return { repos, nextCursor: more ? encodeCursor(repos[repos.length - 1]!, sort, substring) : null };
}
