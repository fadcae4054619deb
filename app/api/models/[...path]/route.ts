// Every /api/models/{ns}/{name}/… endpoint; lib/hub-api/model-endpoints.ts dispatches.
import { apiRoute, corsPreflight } from "@/lib/http/api-route";
import { handleModelRequest } from "@/lib/hub-api/model-endpoints";

const handler = apiRoute(handleModelRequest);

export { handler as GET, handler as HEAD, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
export const OPTIONS = corsPreflight;
