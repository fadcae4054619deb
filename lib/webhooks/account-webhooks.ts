// Account webhooks (HF /api/settings/webhooks): made by a user, watching repos
// ({type: "model", name: "owner/name"}) and whole namespaces ({type: "user" | "org"}),
// for the "repo" and "discussion" domains. Only their creator sees and manages them, and
// a private repo's events reach them only while the creator may read that repo.
import type { Actor } from "../auth/actor";
import { can } from "../auth/can";
import { withMemberships } from "../auth/memberships";
import { db } from "../db/client";
import { badRequest, notFound } from "../errors";
import { repoFor } from "../repos/find-repo";
import { seal } from "./secret-box";
import { checkWebhookUrl } from "./url-guard";

export type Watched = { type: "model" | "dataset" | "user" | "org"; name: string };
export type Domain = "repo" | "discussion";
export type AccountWebhookInput = { url?: string; watched?: Watched[]; domains?: Domain[]; secret?: string | null };

const MAX_PER_USER = 50;
const MAX_WATCHED = 100;
// HF's "discussion" domain covers pull requests too
const FAMILIES: Record<Domain, string[]> = { repo: ["repo"], discussion: ["discussion", "pr"] };

async function checkWatched(actor: Actor, watched: Watched[]): Promise<Watched[]> {
  if (!watched.length || watched.length > MAX_WATCHED) throw badRequest(`Watch 1 to ${MAX_WATCHED} repos or namespaces`);
  const out: Watched[] = [];
  for (const w of watched) {
    if (w.type === "model" || w.type === "dataset") {
      const [owner, name, ...rest] = w.name.split("/");
      if (!owner || !name || rest.length) throw badRequest(`Watched ${w.type} "${w.name}" must be owner/name`);
      await repoFor(actor, owner, name, "read", w.type); // 404 for what the creator cannot see
    } else {
      const u = await db().user.findUnique({ where: { username: w.name }, select: { isOrg: true } });
      if (!u || u.isOrg !== (w.type === "org")) throw notFound(`No ${w.type === "org" ? "organization" : "user"} named ${w.name}`);
    }
    if (!out.some((o) => o.type === w.type && o.name === w.name)) out.push({ type: w.type, name: w.name });
  }
  return out;
}

function eventsOf(domains: Domain[]): string[] {
  if (!domains.length) throw badRequest('domains: choose among "repo" and "discussion"');
  return [...new Set(domains.flatMap((d) => FAMILIES[d]))];
}

function checkSecret(secret: string | null | undefined): string {
  if (!secret) return ""; // unsigned deliveries, as the creator chose
  if (secret.length > 256) throw badRequest("A webhook secret has at most 256 characters");
  return seal(secret);
}

type Row = { id: string; url: string; watched: unknown; events: string[]; active: boolean; createdAt: Date };

/** The HF shape; the secret is never echoed back. */
export function accountWebhookJson(w: Row) {
  const domains = (Object.keys(FAMILIES) as Domain[]).filter((d) => FAMILIES[d].every((f) => w.events.includes(f)));
  return { id: w.id, url: w.url, watched: w.watched as Watched[], domains, secret: null, disabled: !w.active, createdAt: w.createdAt.toISOString() };
}

export async function createAccountWebhook(actor: Actor, input: AccountWebhookInput) {
  if (!input.url) throw badRequest("url is required");
  const url = checkWebhookUrl(input.url);
  const watched = await checkWatched(actor, input.watched ?? []);
  const events = eventsOf(input.domains ?? ["repo", "discussion"]);
  if ((await db().webhook.count({ where: { createdById: actor.userId, repoId: null } })) >= MAX_PER_USER) throw badRequest(`An account has at most ${MAX_PER_USER} webhooks`);
  return accountWebhookJson(await db().webhook.create({ data: { url, watched, events, secretBox: checkSecret(input.secret), createdById: actor.userId } }));
}

async function own(actor: Actor, id: string) {
  const w = await db().webhook.findFirst({ where: { id, createdById: actor.userId, repoId: null } });
  if (!w) throw notFound(`Webhook ${id} not found`);
  return w;
}

export async function listAccountWebhooks(actor: Actor) {
  return (await db().webhook.findMany({ where: { createdById: actor.userId, repoId: null }, orderBy: { createdAt: "asc" } })).map(accountWebhookJson);
}

export async function getAccountWebhook(actor: Actor, id: string) {
  return accountWebhookJson(await own(actor, id));
}

export async function updateAccountWebhook(actor: Actor, id: string, input: AccountWebhookInput) {
  await own(actor, id);
  const data: { url?: string; watched?: Watched[]; events?: string[]; secretBox?: string } = {};
  if (input.url !== undefined) data.url = checkWebhookUrl(input.url);
  if (input.watched !== undefined) data.watched = await checkWatched(actor, input.watched);
  if (input.domains !== undefined) data.events = eventsOf(input.domains);
  if (input.secret !== undefined) data.secretBox = checkSecret(input.secret);
  return accountWebhookJson(await db().webhook.update({ where: { id }, data }));
}

export async function setAccountWebhookActive(actor: Actor, id: string, active: boolean) {
  await own(actor, id);
  return accountWebhookJson(await db().webhook.update({ where: { id }, data: { active } }));
}

export async function deleteAccountWebhook(actor: Actor, id: string): Promise<void> {
  await own(actor, id);
  await db().webhook.delete({ where: { id } });
}

/**
 * Every active webhook that wants this repo's `family` events, in one query (it runs for
 * every commit and comment): the repo's own, and account webhooks watching the repo or
 * its namespace whose creators may read it now.
 */
export async function webhooksFor(repo: { id: string; name: string; type?: string; ownerId: string; private: boolean; hiddenAt: Date | null; owner: { username: string } }, family: string): Promise<string[]> {
  const as = (type: Watched["type"], name: string) => JSON.stringify([{ type, name }]);
  const rows = await db().$queryRaw<{ id: string; createdById: string; account: boolean }[]>`
    SELECT w.id, w."createdById", w."repoId" IS NULL AS account FROM "Webhook" w
    WHERE w.active AND ${family} = ANY(w.events)
      AND (w."repoId" = ${repo.id}
        OR (w."repoId" IS NULL
          AND (w.watched @> ${as(repo.type === "dataset" ? "dataset" : "model", `${repo.owner.username}/${repo.name}`)}::jsonb
            OR w.watched @> ${as("user", repo.owner.username)}::jsonb
            OR w.watched @> ${as("org", repo.owner.username)}::jsonb)))`;
  const out: string[] = [];
  for (const r of rows) {
    if (!r.account) out.push(r.id);
    else {
      const actor = await actorOfUser(r.createdById);
      if (actor && can(actor, "read", repo)) out.push(r.id);
    }
  }
  return out;
}

async function actorOfUser(userId: string): Promise<Actor | null> {
  const u = await db().user.findUnique({ where: { id: userId }, select: { id: true, username: true, email: true, isAdmin: true, suspendedAt: true } });
  if (!u || u.suspendedAt) return null;
  return withMemberships<Actor>({ userId: u.id, username: u.username, email: u.email, isAdmin: u.isAdmin, via: "session" });
}
