// Gated models: POST /api/models/{id}/ask-access {fields}; the writers' review,
// GET …/user-access-request/{pending|accepted|rejected} and POST …/user-access-request/{handle|grant}
// (huggingface_hub's access-request API).
import { z } from "zod";
import { badRequest } from "../../errors";
import { decideAccess, listAccessRequests, requestAccess } from "../../gating/access";
import { json } from "../../http/reply";
import { repoEndpoint } from "../endpoint";

const askSchema = z.object({ fields: z.record(z.string().max(200), z.union([z.string().max(10_000), z.boolean()])).optional() });

export const askAccess = repoEndpoint({
  json: askSchema, limit: 256 * 1024,
  handle: async ({ actor, repo, body }) => {
    const r = await requestAccess(actor, repo, body.fields ?? {});
    return json({ status: r.status, requestedAt: r.createdAt.toISOString() });
  },
});

export const listAccess = repoEndpoint({
  handle: async ({ actor, repo, params }) => {
    const rows = await listAccessRequests(actor, repo, params.status as "pending" | "accepted" | "rejected");
    return json(rows.map((r) => ({ user: { user: r.user, fullname: r.user, avatarUrl: "", type: "user" }, status: r.status, timestamp: r.requestedAt.toISOString(), fields: r.fields, ...(r.reason ? { rejectionReason: r.reason } : {}) })));
  },
});

const decideSchema = z.object({ user: z.string().min(1).max(96), status: z.enum(["accepted", "rejected", "pending"]).optional(), rejectionReason: z.string().max(1000).optional() });

export const decideAccessEndpoint = repoEndpoint({
  json: decideSchema,
  handle: async ({ actor, repo, params, body }) => {
    const status = params.verb === "grant" ? "accepted" : body.status;
    if (!status) throw badRequest("status is accepted, rejected or pending");
    const r = await decideAccess(actor, repo, body.user, status, body.rejectionReason);
    return json({ user: body.user, status: r.status });
  },
});
