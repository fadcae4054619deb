// Git LFS batch API at /{owner}/{name}.git/info/lfs/objects/batch (hub-api.md §2.10).
// Downloads: objects the repo's history holds, for those who may read its files.
// Uploads: anyone who may propose changes to the repo (a pull request) may store
// content; where it lands is decided by the commit, which checks who may name it.
import { z } from "zod";
import { can } from "../../auth/can";
import { planDownloads } from "../../blobs/lfs-download-plan";
import { forbidden, unauthorized } from "../../errors";
import { assertFileAccess } from "../../gating/access";
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

const LFS_JSON = { "Content-Type": "application/vnd.git-lfs+json" };

export const lfsBatch = repoEndpoint({
  json: lfsBatchSchema,
  handle: async ({ actor, repo, body, origin }) => {
    if (body.operation === "download") {
      // The same rules as /resolve: a gated repo's files need granted access.
      await assertFileAccess(actor, repo, null);
      return json({ transfer: "basic", objects: await planDownloads(repo.id, body.objects, origin), hash_algo: "sha256" }, { headers: LFS_JSON });
    }
    if (!can(actor, "participate", repo)) throw actor ? forbidden("This token cannot upload to this repo") : unauthorized("Sign in to upload");
    return json({ transfer: "basic", objects: await planUploads(actor!, body.objects, origin, repo.ownerId), hash_algo: "sha256" }, { headers: LFS_JSON });
  },
});
