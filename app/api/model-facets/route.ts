// GET /api/model-facets?<the /api/models query>: counts per task, library, license,
// language, tag and base model among the matching models (bounded: see lib/search/facets).
import { apiActor } from "@/lib/http/api-actor";
import { apiRoute, corsPreflight, json } from "@/lib/http/api-route";
import { listOptionsFromQuery } from "@/lib/hub-api/list-models";
import { catalogueFacets } from "@/lib/search/facets";

export const GET = apiRoute(async (req: Request) => json(await catalogueFacets(listOptionsFromQuery(await apiActor(req), new URL(req.url).searchParams))));

export const OPTIONS = corsPreflight;
