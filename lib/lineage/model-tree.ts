// The model tree: ancestors (from base_model, recursively, and the fork parent)
// and children grouped by relation, as the viewer may see them.
import type { Actor } from "../auth/actor";
import { can } from "../auth/can";
import { visibleReposSql } from "../auth/memberships";
import { db } from "../db/client";
import { findRepo, type RepoRow } from "../repos/find-repo";
import type { Relation } from "../cards/relations";

export type Ancestor = { id: string; relation: Relation | "fork"; local: boolean; license: string | null; parents: Ancestor[] };
export type ChildGroup = { count: number; models: { id: string; license: string | null; parameters: number | null }[] };
export type ModelTree = { id: string; ancestors: Ancestor[]; children: Partial<Record<Relation | "fork", ChildGroup>> };

const MAX_DEPTH = 8;
const SHOWN = 20;


async function ancestors(actor: Actor | null, repo: { baseModels: string[]; baseModelRelation: string | null; forkOfId: string | null }, seen: Set<string>, depth: number): Promise<Ancestor[]> {
  if (depth >= MAX_DEPTH) return [];
  const out: Ancestor[] = [];
  if (repo.forkOfId) {
    const up = await db().repo.findUnique({ where: { id: repo.forkOfId }, select: { name: true, private: true, ownerId: true, license: true, baseModels: true, baseModelRelation: true, forkOfId: true, owner: { select: { username: true } } } });
    if (up && can(actor, "read", up)) {
      const id = `${up.owner.username}/${up.name}`;
      if (!seen.has(id)) {
        seen.add(id);
        out.push({ id, relation: "fork", local: true, license: up.license, parents: await ancestors(actor, up, seen, depth + 1) });
      }
    }
  }
  for (const id of repo.baseModels) {
    if (seen.has(id)) continue;
    seen.add(id);
    const [owner, name] = id.split("/") as [string, string];
    const found = await findRepo(owner, name);
    const local = !!found && can(actor, "read", found);
    out.push({ id, relation: (repo.baseModelRelation as Relation) ?? "finetune", local, license: local ? found!.license : null, parents: local ? await ancestors(actor, found!, seen, depth + 1) : [] });
  }
  return out;
}

export async function modelTree(actor: Actor | null, repo: RepoRow): Promise<ModelTree> {
  const id = `${repo.owner.username}/${repo.name}`;
  const rows = await db().$queryRaw<{ id: string; relation: string; license: string | null; parameters: bigint | null; n: bigint }[]>`
    SELECT * FROM (
      SELECT u.username || '/' || r.name AS id, coalesce(r."baseModelRelation", 'finetune') AS relation, r.license, r.parameters,
             count(*) OVER (PARTITION BY coalesce(r."baseModelRelation", 'finetune')) AS n,
             row_number() OVER (PARTITION BY coalesce(r."baseModelRelation", 'finetune') ORDER BY r.downloads DESC, r.id) AS k
      FROM "Repo" r JOIN "User" u ON u.id = r."ownerId"
      WHERE r."baseModels" @> ARRAY[${id}]::text[] AND ${visibleReposSql(actor)}
      UNION ALL
      SELECT u.username || '/' || r.name, 'fork', r.license, r.parameters,
             count(*) OVER (), row_number() OVER (ORDER BY r."createdAt" DESC, r.id)
      FROM "Repo" r JOIN "User" u ON u.id = r."ownerId"
      WHERE r."forkOfId" = ${repo.id} AND ${visibleReposSql(actor)}
    ) t WHERE k <= ${SHOWN}`;
  const children: ModelTree["children"] = {};
  for (const r of rows) {
    const g = (children[r.relation as Relation | "fork"] ??= { count: Number(r.n), models: [] });
    g.models.push({ id: r.id, license: r.license, parameters: r.parameters === null ? null : Number(r.parameters) });
  }
  return { id, ancestors: await ancestors(actor, repo, new Set([id]), 0), children };
}
