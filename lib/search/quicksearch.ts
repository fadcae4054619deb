// The header's search-as-you-type (GET /api/quicksearch, as the HF Hub names it): a few
// models and datasets by the catalogue's own word search (most downloaded first), and
// users and organizations whose name starts with what was typed, and sections of the
// hub's own guides. Private repos only for
// those who may see them; suspended accounts are not suggested.
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { listRepos } from "../repos/list-repos";
import { searchGuides, type DocHit } from "../docs/guides";
import { errorFields, log } from "../observability/log";

export type QuickSearch = { q: string; models: { id: string }[]; datasets: { id: string }[]; users: { user: string }[]; orgs: { name: string }[]; docs: DocHit[] };

const KINDS = ["model", "dataset", "user", "org", "doc"] as const;
type Kind = (typeof KINDS)[number];

/** `types` from the query string (`type=model&type=user`); all kinds when none is named. */
export function quickSearchKinds(types: string[]): Kind[] {
  const wanted = types.filter((t): t is Kind => (KINDS as readonly string[]).includes(t));
  return wanted.length ? wanted : [...KINDS];
}

/** Prisma's startsWith passes LIKE wildcards through: "%" would list every account. Escaped, they are text. */
const likeLiteral = (v: string) => v.replace(/[\\%_]/g, "\\$&");

export async function quickSearch(actor: Actor | null, raw: string, kinds: Kind[], limit = 5): Promise<QuickSearch> {
  const q = raw.trim().slice(0, 100);
  const empty: QuickSearch = { q, models: [], datasets: [], users: [], orgs: [], docs: [] };
  if (!q) return empty;
  const n = Math.min(Math.max(limit, 1), 20);
  const repos = async (type: "model" | "dataset") =>
    kinds.includes(type) ? (await listRepos({ actor, type, search: q, sort: "downloads", limit: n })).repos.map((r) => ({ id: `${r.owner.username}/${r.name}` })) : [];
  // a name prefix, case-insensitively; "owner/na" suggests repos, not accounts
  const accounts = async (isOrg: boolean) =>
    kinds.includes(isOrg ? "org" : "user") && !q.includes("/")
      ? db().user.findMany({ where: { isOrg, suspendedAt: null, username: { startsWith: likeLiteral(q), mode: "insensitive" } }, select: { username: true }, orderBy: { username: "asc" }, take: n })
      : [];
  // a guide that fails to compile (while editing one under `npm run dev`) must not take the search box down
  const docs = async () =>
    kinds.includes("doc")
      ? searchGuides(q, Math.min(n, 3)).catch((e: unknown) => {
          log().error(errorFields(e), "quicksearch: the guides could not be read");
          return [];
        })
      : [];
  const [models, datasets, users, orgs, guides] = await Promise.all([repos("model"), repos("dataset"), accounts(false), accounts(true), docs()]);
  return { q, models, datasets, users: users.map((u) => ({ user: u.username })), orgs: orgs.map((o) => ({ name: o.username })), docs: guides };
}
