// A repo's webhooks: managed by its writers, each with a URL, a secret (sealed,
// shown once), the event families it wants (repo, discussion, pr) and a log of
// deliveries that can be replayed.
import { db } from "../db/client";
import { badRequest, notFound } from "../errors";
import { enqueueJob } from "../jobs/queue";
import { seal } from "./secret-box";
import { checkWebhookUrl } from "./url-guard";

export const WEBHOOK_EVENTS = ["repo", "discussion", "pr"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
const MAX_PER_REPO = 20;
export const DELIVERY_ATTEMPTS = 6;

export type WebhookInput = { url: string; secret: string; events: string[] };

function checkInput(input: WebhookInput) {
  const url = checkWebhookUrl(input.url);
  const secret = input.secret;
  if (secret.length < 16 || secret.length > 256) throw badRequest("A webhook secret has 16 to 256 characters");
  const events = [...new Set(input.events)];
  if (!events.length || events.some((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e))) throw badRequest(`Choose events among: ${WEBHOOK_EVENTS.join(", ")}`);
  return { url, secret, events };
}

export async function createWebhook(repoId: string, createdById: string, input: WebhookInput) {
  const { url, secret, events } = checkInput(input);
  if ((await db().webhook.count({ where: { repoId } })) >= MAX_PER_REPO) throw badRequest(`A repo has at most ${MAX_PER_REPO} webhooks`);
  const w = await db().webhook.create({ data: { repoId, url, secretBox: seal(secret), events, createdById } });
  return publicWebhook(w);
}

type Row = { id: string; url: string; events: string[]; active: boolean; createdAt: Date };
const publicWebhook = (w: Row) => ({ id: w.id, url: w.url, events: w.events, active: w.active, createdAt: w.createdAt });

export async function listWebhooks(repoId: string) {
  const rows = await db().webhook.findMany({ where: { repoId }, orderBy: { createdAt: "asc" } });
  return rows.map(publicWebhook);
}

async function own(repoId: string, id: string) {
  const w = await db().webhook.findFirst({ where: { id, repoId } });
  if (!w) throw notFound("Webhook not found");
  return w;
}

export async function setWebhookActive(repoId: string, id: string, active: boolean) {
  await own(repoId, id);
  return publicWebhook(await db().webhook.update({ where: { id }, data: { active } }));
}

export async function deleteWebhook(repoId: string, id: string): Promise<void> {
  await own(repoId, id);
  await db().webhook.delete({ where: { id } });
}

export async function listDeliveries(repoId: string, webhookId: string, take = 50) {
  await own(repoId, webhookId);
  return db().webhookDelivery.findMany({
    where: { webhookId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, event: true, status: true, attempts: true, responseStatus: true, error: true, durationMs: true, createdAt: true, lastAttemptAt: true, payload: true },
  });
}

/** Sends a past delivery's payload again, as a new delivery. */
export async function redeliver(repoId: string, deliveryId: string) {
  const d = await db().webhookDelivery.findUnique({ where: { id: deliveryId }, include: { webhook: { select: { repoId: true } } } });
  if (!d || d.webhook.repoId !== repoId) throw notFound("Delivery not found");
  const copy = await db().webhookDelivery.create({ data: { webhookId: d.webhookId, event: d.event, payload: d.payload ?? {} } });
  await enqueueJob("deliver-webhook", { deliveryId: copy.id }, { maxAttempts: DELIVERY_ATTEMPTS });
  return copy;
}
