// GET /api/models/{id} and /api/models/{id}/revision/{rev} (hub-api.md §2.4).
import { json } from "../../http/reply";
import { repoEndpoint } from "../endpoint";
import { boolParam, expandParam, modelJson } from "../model-json";

export const modelInfo = repoEndpoint({
  handle: async ({ repo, rest, query }) =>
    json(await modelJson(repo, { rev: rest.join("/") || "HEAD", expand: expandParam(query), blobs: boolParam(query.get("blobs")), securityStatus: boolParam(query.get("securityStatus")) })),
});
