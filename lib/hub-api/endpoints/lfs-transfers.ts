// The LFS transfer URLs the batch hands out, authorized by their signature
// (hub-api.md §2.10, gotcha 7: clients send no Authorization to them):
// PUT /api/lfs/{oid} (one object), DELETE (cancel), PUT …/parts/{n}, POST …/complete.
import { z } from "zod";
import { env } from "../../env";
import { limitedBody } from "../../http/body";
import { empty, json } from "../../http/reply";
import { cancelUpload, completeUpload, receiveObject, receivePart } from "../../uploads/lfs-transfers";
import { verifyGrant } from "../../uploads/upload-urls";
import { endpoint } from "../endpoint";

export const putObject = endpoint({
  handle: async ({ req, params, query }) => {
    const grant = verifyGrant(params.oid!, query);
    return json(await receiveObject(grant, limitedBody(req, Math.min(grant.size, env().MAX_FILE_BYTES))));
  },
});

export const cancelObject = endpoint({
  handle: async ({ params, query }) => {
    await cancelUpload(verifyGrant(params.oid!, query));
    return empty(204);
  },
});

export const putPart = endpoint({
  handle: async ({ req, params, query }) => {
    const grant = verifyGrant(params.oid!, query);
    const etag = await receivePart(grant, params.n!, limitedBody(req, Math.min(grant.size, 6 * 1024 ** 3)));
    return empty(200, { ETag: `"${etag}"` });
  },
});

const completion = z.object({
  oid: z.string(),
  parts: z.array(z.object({ partNumber: z.number().int().positive(), etag: z.string().max(200) })).max(10_000),
});

export const completeObject = endpoint({
  json: completion,
  handle: async ({ params, query, body }) => {
    const grant = verifyGrant(params.oid!, query);
    await completeUpload(grant, body.oid, body.parts);
    return json({ oid: grant.oid, size: grant.size });
  },
});
