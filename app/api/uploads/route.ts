// PUT /api/uploads: streams one file into the blob store (never held in memory)
// and answers its sha256. The file becomes part of a repo only through a commit.
import { requestActor } from "@/lib/auth/current-actor";
import { env } from "@/lib/env";
import { badRequest, forbidden, unauthorized } from "@/lib/errors";
import { apiRoute, assertSameOrigin, corsPreflight, json } from "@/lib/http/api-route";
import { ingestBlob } from "@/lib/repos/ingest-blob";

export const PUT = apiRoute(async (req: Request) => {
  const actor = await requestActor(req);
  if (!actor) throw unauthorized("Sign in to upload files");
  if (actor.via === "session") assertSameOrigin(req);
  else if (actor.tokenRole !== "write") throw forbidden("This token cannot write");
  const size = Number(req.headers.get("x-file-size") ?? req.headers.get("content-length") ?? NaN);
  if (!req.body) throw badRequest("Empty body");
  const blob = await ingestBlob(req.body, { size, maxBytes: env().MAX_FILE_BYTES });
  return json({ sha256: blob.sha256, size: blob.size });
});

export const OPTIONS = corsPreflight;
