// PUT /api/lfs/{oid}?<grant>: one LFS object in one request, checked against its sha256.
// DELETE: cancels a multipart upload of it (the staged parts are removed).
import { badRequest } from "@/lib/errors";
import { apiRoute, corsPreflight, json } from "@/lib/http/api-route";
import { abortMultipart } from "@/lib/uploads/lfs-parts";
import { abortS3Upload, directUploads } from "@/lib/uploads/direct-uploads";
import { verifyGrant } from "@/lib/uploads/upload-urls";
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
  const grant = verifyGrant((await ctx.params).oid, new URL(req.url).searchParams);
  const s3 = directUploads();
  if (grant.pendingId && s3) await abortS3Upload(s3, grant);
  else await abortMultipart(grant);
  return new Response(null, { status: 204 });
});

export const OPTIONS = corsPreflight;
