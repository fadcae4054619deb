// /api/models/{id}/webhooks[/{wid}[/deliveries[/{did}/redeliver]]]: a repo's webhooks, for its writers.
import { z } from "zod";
import { json } from "../../http/reply";
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, redeliver, setWebhookActive } from "../../webhooks/webhooks";
import { repoEndpoint } from "../endpoint";

export const listWebhooksEndpoint = repoEndpoint({ handle: async ({ repo }) => json(await listWebhooks(repo.id)) });

const createSchema = z.object({ url: z.string().max(2048), secret: z.string().max(256), events: z.array(z.string().max(32)).max(10) });

export const createWebhookEndpoint = repoEndpoint({
  json: createSchema,
  // the secret is not echoed back: it was shown to its author when they chose it
  handle: async ({ actor, repo, body }) => json(await createWebhook(repo.id, actor!.userId, body), { status: 201 }),
});

export const updateWebhookEndpoint = repoEndpoint({
  json: z.object({ active: z.boolean() }),
  handle: async ({ repo, params, body }) => json(await setWebhookActive(repo.id, params.wid!, body.active)),
});

export const deleteWebhookEndpoint = repoEndpoint({
  handle: async ({ repo, params }) => {
    await deleteWebhook(repo.id, params.wid!);
    return json({});
  },
});

export const listDeliveriesEndpoint = repoEndpoint({ handle: async ({ repo, params }) => json(await listDeliveries(repo.id, params.wid!)) });

export const redeliverEndpoint = repoEndpoint({
  handle: async ({ repo, params }) => {
    await listDeliveries(repo.id, params.wid!, 1); // the webhook belongs to this repo
    const d = await redeliver(repo.id, params.did!);
    return json({ id: d.id, status: d.status }, { status: 202 });
  },
});
