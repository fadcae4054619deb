// What a signed-out visitor's page depends on, read in one cheap query per request, so
// that a cached copy of the page (lib/http/page-cache) is used only while it still says
// the same: for a model's page, its row (visibility, gating, counts, card metadata, any
// update at all: PostgreSQL's row version), its main commit and its owner's row
// (suspension, rename); for the catalogue, the generation of the in-memory index after
// catching up with the change log. Null: the page is not cached (not one of these pages,
// a repo that is private, hidden or missing, an index not ready).
import { Prisma, plainQuery } from "../db/client";
import { catalogueIndexStore } from "../search/index/index-store";
import { errorFields, log } from "../observability/log";

type RepoState = { id: string; row: string; owner: string; commit: string | null; private: boolean; hidden: boolean; suspended: boolean };

async function modelPageVersion(owner: string, name: string): Promise<string | null> {
  const [r] = await plainQuery<RepoState>(Prisma.sql`
    SELECT r.id, r.xmin::text AS row, u.xmin::text AS owner, f."commitId" AS commit, r.private, r."hiddenAt" IS NOT NULL AS hidden, u."suspendedAt" IS NOT NULL AS suspended
    FROM "User" u JOIN "Repo" r ON r."ownerId" = u.id AND r.name = ${name} AND r.type = 'model'
    LEFT JOIN "Ref" f ON f."repoId" = r.id AND f.kind = 'branch' AND f.name = 'main'
    WHERE u.username = ${owner}`);
  if (!r || r.private || r.hidden || r.suspended) return null;
  return `model ${r.id} ${r.row} ${r.owner} ${r.commit ?? "-"}`;
}

async function cataloguePageVersion(): Promise<string | null> {
  const store = catalogueIndexStore();
  if (!store || store.state !== "ready" || !(await store.fresh())) return null;
  return `catalogue ${store.generation} ${store.day}`;
}

/** `parts`: the request path's decoded segments; `dataset`: the address named a dataset's page. */
export async function pageVersion(parts: string[], dataset: boolean): Promise<string | null> {
  try {
    if (parts.length === 1 && parts[0] === "models") return await cataloguePageVersion();
    if (parts.length === 2 && !dataset) return await modelPageVersion(parts[0]!, parts[1]!);
    return null;
  } catch (e) {
    // the page itself will meet the same fault and answer for it
    log().warn(errorFields(e), "page cache: could not read the page's version; rendering it");
    return null;
  }
}
