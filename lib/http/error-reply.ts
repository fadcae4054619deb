// Errors to answers, in one place: a HubError keeps its status and code; a database
// outage is a 503 with Retry-After; anything else is logged with the request id
// and answered 500 without internals (hub-api.md §1 for the shape and headers).
import { outageError } from "../db/db-errors";
import { HubError } from "../errors";
import { errorFields, log } from "../observability/log";
import { json, type Reply } from "./reply";

export function errorReply(e: unknown, requestId: string): Reply {
  const known = e instanceof HubError ? e : outageError(e);
  if (known) {
    return json(
      { error: known.message, ...known.extra },
      {
        status: known.status,
        headers: { ...known.headers, "X-Error-Code": known.code, "X-Error-Message": encodeURI(known.message).slice(0, 500) },
      },
    );
  }
  log().error({ requestId, ...errorFields(e) }, "unexpected error");
  return json({ error: `Internal error (request ${requestId})` }, { status: 500, headers: { "X-Error-Code": "Internal" } });
}
