// /api/models/{id}/webhooks[/{wid}[/deliveries[/{did}/redeliver]]]: a repo's webhooks, for its writers.
import { z } from "zod";
import { HubError } from "../errors";
import { json } from "../http/api-route";
import { parseJsonBody } from "../http/parse-json";
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, redeliver, setWebhookActive } from "../webhooks/webhooks";
import type { Handler } from "./model-endpoints";

export const webhooksApi: Handler = async ({ req, repo, rest, actor }) => {
  const [, wid, sub, did, verb] = rest;
  if (!wid && req.method === "GET") return json(await listWebhooks(repo.id));
  if (!wid && req.method === "POST") {
    const body = await parseJsonBody(req, z.object({ url: z.string(), secret: z.string(), events: z.array(z.string()).max(10) }));
    // the secret is not echoed back: it was shown to its author when they chose it
    return json(await createWebhook(repo.id, actor!.userId, body), { status: 201 });
  }
  if (wid && !sub && req.method === "PATCH") return json(await setWebhookActive(repo.id, wid, (await parseJsonBody(req, z.object({ active: z.boolean() }))).active));
  if (wid && !sub && req.method === "DELETE") return deleteWebhook(repo.id, wid).then(() => json({}));
  if (wid && sub === "deliveries" && !did && req.method === "GET") return json(await listDeliveries(repo.id, wid));
  if (wid && sub === "deliveries" && did && verb === "redeliver" && req.method === "POST") {
    await listDeliveries(repo.id, wid, 1); // the webhook belongs to this repo
    const d = await redeliver(repo.id, did);
    return json({ id: d.id, status: d.status }, { status: 202 });
  }
  throw new HubError(404, "NotFound", "No such webhook endpoint");
};
