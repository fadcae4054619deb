// PUT /api/lfs/{oid}/parts/{n}?<grant>: one part of a multipart LFS upload; answers its ETag.
import { badRequest } from "@/lib/errors";
import { apiRoute, corsPreflight } from "@/lib/http/api-route";
import { storePart } from "@/lib/uploads/lfs-parts";
import { verifyGrant } from "@/lib/uploads/upload-urls";

type Ctx = { params: Promise<{ oid: string; n: string }> };

export const PUT = apiRoute(async (req: Request, ctx: Ctx) => {
  const { oid, n } = await ctx.params;
  const grant = verifyGrant(oid, new URL(req.url).searchParams);
  if (!req.body) throw badRequest("Empty body");
  const etag = await storePart(grant, Number(n), req.body);
  return new Response(null, { status: 200, headers: { ETag: `"${etag}"` } });
});

export const OPTIONS = corsPreflight;
