// GET /api/models (hub-api.md §2.5), /api/model-facets and /api/models-tags-by-type: the
// catalogue, its hottest read. List items of cached rows go out as kept bytes (hub-api/list-models).
import { jsonBytes, json } from "../../http/reply";
import { catalogueFacets } from "../../search/facets";
import { modelTagsByType } from "../../search/tags-by-type";
import { quickSearch, quickSearchKinds } from "../../search/quicksearch";
import { catalogueIndexStore } from "../../search/index/index-store";
import { endpoint } from "../endpoint";
import { listModelsBody, listOptionsFromQuery } from "../list-models";

// which engine could answer: "ready" (the in-memory index), "loading", "failed" or "off" (PostgreSQL alone)
const engine = () => catalogueIndexStore()?.state ?? "off";

export const listModelsEndpoint = endpoint({
  handle: async ({ actor, url, origin }) => {
    const own = new URL(url.pathname + url.search, origin); // absolute links use the request's origin
    const { body, next } = await listModelsBody(actor, own);
    return jsonBytes(body, { headers: { "X-Catalogue-Index": engine(), ...(next ? { Link: `<${next}>; rel="next"` } : {}) } });
  },
});

// GET /api/datasets (HF list_datasets): the dataset catalogue, with the same paging and items.
export const listDatasetsEndpoint = endpoint({
  handle: async ({ actor, url, origin }) => {
    const own = new URL(url.pathname + url.search, origin);
    const { body, next } = await listModelsBody(actor, own, "dataset");
    return jsonBytes(body, { headers: next ? { Link: `<${next}>; rel="next"` } : {} });
  },
});

export const modelFacets = endpoint({
  handle: async ({ actor, query }) => json(await catalogueFacets(listOptionsFromQuery(actor, query)), { headers: { "X-Catalogue-Index": engine() } }),
});

// GET /api/quicksearch?q=…[&type=model|dataset|user|org][&limit=5]: the header's suggestions.
export const quickSearchEndpoint = endpoint({
  handle: async ({ actor, query }) => json(await quickSearch(actor, query.get("q") ?? "", quickSearchKinds(query.getAll("type")), Number(query.get("limit") ?? 5) || 5)),
});

export const modelTags = endpoint({ handle: async () => json(await modelTagsByType()) });
