// POST /api/lfs/{oid}/complete?<grant>: joins the parts (staged on the hub, or on S3)
// and verifies the sha256 before the object can be committed.
import { z } from "zod";
import { badRequest } from "@/lib/errors";
import { apiRoute, corsPreflight, json } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/parse-json";
import { completeMultipart } from "@/lib/uploads/lfs-parts";
import { completeS3Multipart, directUploads } from "@/lib/uploads/direct-uploads";
import { verifyGrant } from "@/lib/uploads/upload-urls";

type Ctx = { params: Promise<{ oid: string }> };

const completion = z.object({
  oid: z.string(),
  parts: z.array(z.object({ partNumber: z.number().int().positive(), etag: z.string().max(200) })).max(10_000),
});

export const POST = apiRoute(async (req: Request, ctx: Ctx) => {
  const grant = verifyGrant((await ctx.params).oid, new URL(req.url).searchParams);
  const body = await parseJsonBody(req, completion);
  if (body.oid !== grant.oid) throw badRequest("oid does not match the upload URL");
  const s3 = directUploads();
  if (grant.pendingId && s3) await completeS3Multipart(s3, grant, body.parts);
  else await completeMultipart(grant, body.parts);
  return json({ oid: grant.oid, size: grant.size });
});

export const OPTIONS = corsPreflight;
