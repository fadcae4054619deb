// One delivery attempt: POST the payload, signed, with a timeout and no redirects
// followed; record the outcome; throw on failure so the queue retries with its
// exponential backoff, until the last attempt marks the delivery failed.
import { db } from "../db/client";
import { open, signature } from "./secret-box";
import { postPinned } from "./send";
import { resolvePublicTarget } from "./url-guard";

const TIMEOUT_MS = 10_000;
const KEEP_BODY = 2048;

export async function deliverWebhook(deliveryId: string, attempt: number, maxAttempts: number): Promise<void> {
  const d = await db().webhookDelivery.findUnique({ where: { id: deliveryId }, include: { webhook: true } });
  if (!d || d.status !== "pending") return; // gone, or already settled by an earlier attempt
  if (!d.webhook.active) {
    await db().webhookDelivery.update({ where: { id: d.id }, data: { status: "failed", error: "The webhook was disabled" } });
    return;
  }
  const body = JSON.stringify(d.payload);
  const started = Date.now();
  let status: number | null = null;
  let text: string | null = null;
  let error: string | null = null;
  try {
    const target = await resolvePublicTarget(d.webhook.url);
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "User-Agent": "Modelhub-Webhooks/1",
      "X-Modelhub-Event": d.event,
      "X-Modelhub-Delivery": d.id,
    };
    // an account webhook made without a secret is delivered unsigned, as its creator chose
    if (d.webhook.secretBox) headers["X-Modelhub-Signature-256"] = signature(open(d.webhook.secretBox), body);
    const res = await postPinned(target, headers, body, { timeoutMs: TIMEOUT_MS, maxBody: KEEP_BODY });
    status = res.status;
    text = res.body;
    if (status < 200 || status >= 300) error = `HTTP ${status}`;
  } catch (e) {
    error = e instanceof Error ? (e.name === "TimeoutError" ? `No answer in ${TIMEOUT_MS / 1000} s` : e.message) : String(e);
  }
  const last = attempt >= maxAttempts;
  await db().webhookDelivery.update({
    where: { id: d.id },
    data: { attempts: attempt, responseStatus: status, responseBody: text, error, durationMs: Date.now() - started, lastAttemptAt: new Date(), status: error ? (last ? "failed" : "pending") : "delivered" },
  });
  if (error && !last) throw new Error(`Webhook delivery ${d.id}: ${error}`);
}
