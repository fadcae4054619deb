// GET /api/blobs/{sha256}: where this content is, across every repo the caller can read.
import { apiActor } from "@/lib/http/api-actor";
import { apiRoute, corsPreflight, json } from "@/lib/http/api-route";
import { findBlobUses } from "@/lib/blobs/find-blob-uses";

type Ctx = { params: Promise<{ sha256: string }> };

export const GET = apiRoute(async (req: Request, ctx: Ctx) => {
  const { sha256 } = await ctx.params;
  return json(await findBlobUses(await apiActor(req), sha256.toLowerCase()));
});

export const OPTIONS = corsPreflight;
