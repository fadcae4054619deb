// PUT /api/lfs/{oid}?<grant>: one LFS object in one request, checked against its sha256.
// DELETE: cancels a multipart upload of it (the staged parts are removed).
import { badRequest } from "@/lib/errors";
import { apiRoute, corsPreflight, json } from "@/lib/http/api-route";
import { abortMultipart } from "@/lib/hub-api/lfs-parts";
import { verifyGrant } from "@/lib/hub-api/upload-urls";
import { ingestBlob } from "@/lib/repos/ingest-blob";

type Ctx = { params: Promise<{ oid: string }> };

export const PUT = apiRoute(async (req: Request, ctx: Ctx) => {
  const grant = verifyGrant((await ctx.params).oid, new URL(req.url).searchParams);
  if (!req.body && grant.size > 0) throw badRequest("Empty body");
  const blob = await ingestBlob(req.body ?? new ReadableStream({ start: (c) => c.close() }), {
    size: grant.size,
    maxBytes: Number.MAX_SAFE_INTEGER,
    expectedSha256: grant.oid,
  });
  return json({ oid: blob.sha256, size: blob.size });
});

export const DELETE = apiRoute(async (req: Request, ctx: Ctx) => {
  await abortMultipart(verifyGrant((await ctx.params).oid, new URL(req.url).searchParams));
  return new Response(null, { status: 204 });
});

export const OPTIONS = corsPreflight;
