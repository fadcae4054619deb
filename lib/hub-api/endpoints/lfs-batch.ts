// Git LFS batch API at /{owner}/{name}.git/info/lfs/objects/batch (hub-api.md §2.10).
// Uploads: anyone who may propose changes to the repo (a pull request) may store
// content; where it lands is decided by the commit, which checks who may name it.
import { z } from "zod";
import { can } from "../../auth/can";
import { badRequest, forbidden, unauthorized } from "../../errors";
import { json } from "../../http/reply";
import { planUploads } from "../../uploads/lfs-upload-plan";
import { repoEndpoint } from "../endpoint";

export const lfsBatchSchema = z.object({
  operation: z.enum(["upload", "download"]),
  transfers: z.array(z.string().max(64)).max(20).optional(),
  hash_algo: z.enum(["sha256", "sha_256"]).optional(),
  ref: z.object({ name: z.string().max(512) }).nullish(),
  objects: z.array(z.object({ oid: z.string().max(128), size: z.number().int().nonnegative() })).max(1000),
});

export const lfsBatch = repoEndpoint({
  json: lfsBatchSchema,
  handle: async ({ actor, repo, body, origin }) => {
    if (body.operation !== "upload") throw badRequest("Only the upload operation is supported; download files through /resolve");
    if (!can(actor, "participate", repo)) throw actor ? forbidden("This token cannot upload to this repo") : unauthorized("Sign in to upload");
    return json({ transfer: "basic", objects: await planUploads(actor!, body.objects, origin, repo.ownerId), hash_algo: "sha256" }, { headers: { "Content-Type": "application/vnd.git-lfs+json" } });
  },
});
