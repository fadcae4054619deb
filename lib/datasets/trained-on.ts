// Models and datasets linked through model cards' `datasets:` metadata.
import type { Actor } from "../auth/actor";
import { visibleReposSql } from "../auth/memberships";
import { db } from "../db/client";

/** The models whose card names this dataset (by "owner/name"), most downloaded first, as the viewer may see them. */
export async function modelsTrainedOn(actor: Actor | null, datasetId: string, take = 20): Promise<{ id: string; downloads: number; likes: number; pipelineTag: string | null }[]> {
  return db().$queryRaw`
    SELECT u.username || '/' || r.name AS id, r.downloads, r.likes, r."pipelineTag"
    FROM "Repo" r JOIN "User" u ON u.id = r."ownerId"
    WHERE r.type = 'model' AND r.datasets @> ARRAY[${datasetId}]::text[] AND ${visibleReposSql(actor)}
    ORDER BY r.downloads DESC, r.id LIMIT ${take}`;
}

/** Which of a card's dataset ids are dataset repos on this hub the viewer can see. */
export async function localDatasets(actor: Actor | null, ids: string[]): Promise<Set<string>> {
  const named = ids.filter((id) => /^[^/]+\/[^/]+$/.test(id)).slice(0, 50);
  if (!named.length) return new Set();
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT u.username || '/' || r.name AS id FROM "Repo" r JOIN "User" u ON u.id = r."ownerId"
    WHERE r.type = 'dataset' AND (u.username || '/' || r.name) = ANY(${named}::text[]) AND ${visibleReposSql(actor)}`;
  return new Set(rows.map((r) => r.id));
}
