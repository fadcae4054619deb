// POST /api/lfs/{oid}/complete?<grant>: joins the parts and verifies the sha256.
import { z } from "zod";
import { badRequest } from "@/lib/errors";
import { apiRoute, corsPreflight, json } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/parse-json";
import { completeMultipart } from "@/lib/hub-api/lfs-parts";
import { verifyGrant } from "@/lib/hub-api/upload-urls";

type Ctx = { params: Promise<{ oid: string }> };

const completion = z.object({
  oid: z.string(),
  parts: z.array(z.object({ partNumber: z.number().int().positive(), etag: z.string().max(200) })).max(10_000),
});

export const POST = apiRoute(async (req: Request, ctx: Ctx) => {
  const grant = verifyGrant((await ctx.params).oid, new URL(req.url).searchParams);
  const body = await parseJsonBody(req, completion);
  if (body.oid !== grant.oid) throw badRequest("oid does not match the upload URL");
  const blob = await completeMultipart(grant, body.parts);
  return json({ oid: blob.sha256, size: blob.size });
});

export const OPTIONS = corsPreflight;
