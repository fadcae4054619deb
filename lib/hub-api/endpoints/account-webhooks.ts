// /api/settings/webhooks[/{id}[/enable|/disable]] (HF create/list/get/update/enable/disable/delete_webhook):
// the caller's own webhooks over the repos and namespaces they watch.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { forbidden } from "../../errors";
import { json } from "../../http/reply";
import {
  createAccountWebhook,
  deleteAccountWebhook,
  getAccountWebhook,
  listAccountWebhooks,
  setAccountWebhookActive,
  updateAccountWebhook,
} from "../../webhooks/account-webhooks";
import { endpoint } from "../endpoint";

const watched = z.array(z.object({ type: z.enum(["model", "dataset", "user", "org"]), name: z.string().min(1).max(200) })).max(100);
const schema = z.object({
  url: z.string().max(2048).optional(),
  watched: watched.optional(),
  domains: z.array(z.enum(["repo", "discussion"])).max(2).optional(),
  secret: z.string().max(256).nullish(),
  jobSourceId: z.string().max(100).optional(),
});

// Managing webhooks changes what the hub sends where: not for read tokens or repo-scoped ones.
function manager(actor: Actor | null): Actor {
  const a = actor!;
  if (a.via === "token" && (a.tokenRole !== "write" || a.tokenRepoId)) throw forbidden("Managing webhooks needs a write token that is not scoped to one repo");
  return a;
}

function noJobs(body: { jobSourceId?: string }) {
  if (body.jobSourceId) throw forbidden("Webhooks that trigger Jobs are not available on this hub: give a url");
}

export const listAccountWebhooksEndpoint = endpoint({ handle: async ({ actor }) => json(await listAccountWebhooks(actor!)) });

export const getAccountWebhookEndpoint = endpoint({ handle: async ({ actor, params }) => json({ webhook: await getAccountWebhook(actor!, params.id!) }) });

export const createAccountWebhookEndpoint = endpoint({
  json: schema,
  handle: async ({ actor, body }) => {
    noJobs(body);
    return json({ webhook: await createAccountWebhook(manager(actor), body) });
  },
});

export const updateAccountWebhookEndpoint = endpoint({
  json: schema,
  handle: async ({ actor, params, body }) => {
    noJobs(body);
    return json({ webhook: await updateAccountWebhook(manager(actor), params.id!, body) });
  },
});

export const enableAccountWebhook = endpoint({ handle: async ({ actor, params }) => json({ webhook: await setAccountWebhookActive(manager(actor), params.id!, true) }) });
export const disableAccountWebhook = endpoint({ handle: async ({ actor, params }) => json({ webhook: await setAccountWebhookActive(manager(actor), params.id!, false) }) });

export const deleteAccountWebhookEndpoint = endpoint({
  handle: async ({ actor, params }) => {
    await deleteAccountWebhook(manager(actor), params.id!);
    return json({});
  },
});
