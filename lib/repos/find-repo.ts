// Looking up a repo for an actor. A private repo the actor may not read is
// reported exactly like a missing one (404 RepoNotFound), so it does not leak.
import { db, Prisma } from "../db/client";
import { forbidden, repoNotFound, unauthorized } from "../errors";
import type { Actor } from "../auth/actor";
import { can, type Action } from "../auth/can";
import type { WeightsSummary } from "../formats/weights-summary";
import type { RepoType } from "./repo-type";

export type RepoRow = {
  id: string;
  name: string;
  /** "model" or "dataset" (lib/repos/repo-type). */
  type: RepoType;
  private: boolean;
  license: string | null;
  downloads: number;
  likes: number;
  createdAt: Date;
  updatedAt: Date;
  ownerId: string;
  owner: { username: string };
  /** Weight summary of the default branch (lib/formats/weights-summary), null until computed or when there are no weights. */
  parameters: number | null;
  weightBytes: number | null;
  weights: WeightsSummary | null;
  forkOfId: string | null;
  baseModels: string[];
  baseModelRelation: string | null;
  /** Set when site moderators hid the repo. */
  hiddenAt: Date | null;
  /** Gated access: "auto" | "manual", or null when its files are open. */
  gated: string | null;
  pipelineTag: string | null;
  libraryName: string | null;
  trending: number;
  /** HF-style tags of the default branch's card (lib/search/card-facets). */
  tags: string[];
  /** The card's languages (ISO codes), also among its tags. */
  languages: string[];
  /** Downloads of the last 30 days, when the query asked for them (catalogue pages). */
  recentDownloads?: number;
};

export type { RepoSqlRow };


type RepoSqlRow = Omit<RepoRow, "owner" | "parameters" | "weightBytes"> & { ownerName: string; parameters: bigint | number | null; weightBytes: bigint | number | null };

/**
 * The owner of each of a few rows of "Repo" r, looked up by key, as alias u. As a plain
 * join the planner hashes the whole user table (thousands of rows on a large hub) to
 * match a page of 30; OFFSET 0 keeps the subquery from being flattened into that join.
 */
export const OWNER_BY_ROW = Prisma.sql`CROSS JOIN LATERAL (SELECT u.username FROM "User" u WHERE u.id = r."ownerId" OFFSET 0) u`;

// A RepoRow's columns of "Repo" r, once; REPO_COLUMNS_PLAIN reads some of them differently.
const ROW_COLUMNS = ["id", "name", "type", "private", "license", "downloads", "likes", "createdAt", "updatedAt", "ownerId", "parameters", "weightBytes", "weights", "forkOfId", "baseModels", "baseModelRelation", "hiddenAt", "gated", "pipelineTag", "libraryName", "trending", "tags", "languages"] as const;
const columns = (as: Partial<Record<(typeof ROW_COLUMNS)[number], string>>) =>
  Prisma.raw(`${ROW_COLUMNS.map((c) => (as[c] ? `${as[c]} AS "${c}"` : `r."${c}"`)).join(", ")}, u.username AS "ownerName"`);

/** Columns of a RepoRow for raw SQL over "Repo" r JOIN "User" u (hot paths skip the ORM: ~4x less CPU, bench/pages). */
export const REPO_COLUMNS = columns({});

/**
 * REPO_COLUMNS for node-postgres (preparedQuery): times read as UTC, as Prisma reads them
 * (node-postgres would read a timestamp without time zone in the process's zone), 64-bit
 * counts as numbers. tests/integration/search-index.test.ts compares its rows with Prisma's.
 */
export const REPO_COLUMNS_PLAIN = columns({
  createdAt: `r."createdAt" AT TIME ZONE 'UTC'`,
  updatedAt: `r."updatedAt" AT TIME ZONE 'UTC'`,
  hiddenAt: `r."hiddenAt" AT TIME ZONE 'UTC'`,
  parameters: "r.parameters::float8",
  weightBytes: `r."weightBytes"::float8`,
});

export function toRepoRow({ ownerName, parameters, weightBytes, ...r }: RepoSqlRow): RepoRow {
  return { ...r, parameters: parameters === null ? null : Number(parameters), weightBytes: weightBytes === null ? null : Number(weightBytes), owner: { username: ownerName } };
}

export async function findRepo(owner: string, name: string, type: RepoType = "model"): Promise<RepoRow | null> {
  const rows = await db().$queryRaw<RepoSqlRow[]>`
    SELECT ${REPO_COLUMNS} FROM "Repo" r JOIN "User" u ON u.id = r."ownerId"
    WHERE u.username = ${owner} AND r.type = ${type} AND r.name = ${name} LIMIT 1`;
  return rows[0] ? toRepoRow(rows[0]) : null;
}

export async function repoFor(actor: Actor | null, owner: string, name: string, action: Action = "read", type: RepoType = "model"): Promise<RepoRow> {
  const repo = await findRepo(owner, name, type);
  const id = `${type === "dataset" ? "datasets/" : ""}${owner}/${name}`;
  if (!repo || !can(actor, "read", repo)) throw repoNotFound(id);
  if (action === "write" && !can(actor, "write", repo)) {
    throw actor ? forbidden(`You cannot write to ${id}`) : unauthorized(`Sign in to write to ${id}`);
  }
  return repo;
}

export async function findRepoById(id: string): Promise<RepoRow | null> {
  const rows = await db().$queryRaw<RepoSqlRow[]>`
    SELECT ${REPO_COLUMNS} FROM "Repo" r JOIN "User" u ON u.id = r."ownerId" WHERE r.id = ${id} LIMIT 1`;
  return rows[0] ? toRepoRow(rows[0]) : null;
}
