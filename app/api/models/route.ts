// GET /api/models: the model catalogue for the HF clients (hub-api.md §2.5).
import { apiActor } from "@/lib/http/api-actor";
import { apiRoute, corsPreflight, json, requestOrigin } from "@/lib/http/api-route";
import { listModels } from "@/lib/hub-api/list-models";

export const GET = apiRoute(async (req: Request) => {
  const url = new URL(req.url);
  const own = new URL(url.pathname + url.search, requestOrigin(req)); // absolute links use the request's origin
  const { items, next } = await listModels(await apiActor(req), own);
  return json(items, { headers: next ? { Link: `<${next}>; rel="next"` } : {} });
});

export const OPTIONS = corsPreflight;
