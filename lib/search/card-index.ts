// Keeps a repo's discovery columns in step with its default branch: run by the
// analyze-revision job after each commit to main. The full-text document weighs
// the id (A) over the title and tags (B) over the card's text (D).
import { db, type Prisma } from "../db/client";
import { modelOverview, type ModelOverview } from "../repos/model-overview";
import { cardFacets } from "./card-facets";
import { datasetFacets } from "../datasets/dataset-card";

const MAX_TEXT = 64 * 1024;

/** What the discovery columns are computed from, besides the branch. */
export const CARD_INDEX_REPO = { id: true, name: true, type: true, license: true, owner: { select: { username: true } } } as const;
type CardIndexRepo = Prisma.RepoGetPayload<{ select: typeof CARD_INDEX_REPO }>;

export async function indexRepoCard(repoId: string): Promise<void> {
  const repo = await db().repo.findUnique({ where: { id: repoId }, select: CARD_INDEX_REPO });
  if (repo) await cardIndexUpdate(repo, await modelOverview(repoId, "main", repo.type));
}

/** The statement (not yet run) that brings the repo's discovery columns in line with `main`, its default branch as read. */
export function cardIndexUpdate(repo: CardIndexRepo, { card, files }: Pick<ModelOverview, "card" | "files">) {
  const f =
    repo.type === "dataset"
      ? { ...datasetFacets(card?.data ?? {}, card?.body ?? "", repo.license, files.map((e) => e.path)), pipelineTag: null, libraryName: null, datasets: [] as string[] }
      : cardFacets(card?.data ?? {}, card?.body ?? "", repo.license);
  const id = `${repo.owner.username}/${repo.name}`;
  const words = [f.title ?? "", ...f.tags, ...f.datasets].join(" ");
  return db().$executeRaw`
    UPDATE "Repo" SET
      "pipelineTag" = ${f.pipelineTag}, "libraryName" = ${f.libraryName}, languages = ${f.languages}, datasets = ${f.datasets},
      tags = ${f.tags}, license = ${f.license},
      search = setweight(to_tsvector('simple', ${idWords(id)}), 'A')
            || setweight(to_tsvector('simple', ${words}), 'B')
            || setweight(to_tsvector('english', ${(card?.body ?? "").slice(0, MAX_TEXT)}), 'D')
    WHERE id = ${repo.id}`;
}

/** "alice/bert-base-uncased" is searchable as a whole and by its parts. */
export function idWords(id: string): string {
  return `${id} ${id.replace(/[/_.-]+/g, " ")}`;
}
