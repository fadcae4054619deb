// POST /api/models/{id}/preupload/{rev} (hub-api.md §2.9).
import { z } from "zod";
import { json } from "../../http/reply";
import { assertCanWriteRevision } from "../../pulls/write-revision";
import { uploadModes } from "../../repos/upload-modes";
import { repoEndpoint, MIB } from "../endpoint";
import { boolParam } from "../model-json";

const schema = z.object({
  files: z.array(z.object({ path: z.string().max(1024), size: z.number().int().nonnegative(), sample: z.string().max(2048).optional() })).max(1000),
  gitAttributes: z.string().max(1024 * 1024).optional(),
  gitIgnore: z.string().max(1024 * 1024).optional(),
});

export const preupload = repoEndpoint({
  json: schema, limit: 8 * MIB,
  handle: async ({ actor, repo, rest, query, body }) => {
    const rev = rest.join("/") || "main";
    await assertCanWriteRevision(actor, repo, rev, boolParam(query.get("create_pr")));
    const files = body.files.map((f) => ({ path: f.path, size: f.size, sample: Buffer.from(f.sample ?? "", "base64") }));
    return json(await uploadModes(repo.id, rev, files, body.gitAttributes));
  },
});
