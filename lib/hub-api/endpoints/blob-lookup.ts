// GET /api/blobs/{sha256}: where this content is, across every repo the caller can read.
import { findBlobUses } from "../../blobs/find-blob-uses";
import { json } from "../../http/reply";
import { endpoint } from "../endpoint";

export const blobLookup = endpoint({
  handle: async ({ actor, params }) => json(await findBlobUses(actor, params.sha256!.toLowerCase())),
});
