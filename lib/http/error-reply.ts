// Errors to answers, in one place: a HubError keeps its status and code; a database
// outage is a 503 with Retry-After; anything else is logged with the request id
// and answered 500 without internals (hub-api.md §1 for the shape and headers).
// git shows a failed request's body only when it is text/plain, and git-lfs reads
// `message`: their callers get the same error in the shape their client prints.
import { outageError } from "../db/db-errors";
import { HubError } from "../errors";
import { errorFields, log } from "../observability/log";
import { bytes, json, type Reply } from "./reply";

export function errorReply(e: unknown, requestId: string, userAgent = ""): Reply {
  const known = e instanceof HubError ? e : outageError(e);
  if (known && /^git\//.test(userAgent)) {
    return bytes(Buffer.from(`${known.message}\n`), { status: known.status, headers: { ...known.headers, "Content-Type": "text/plain; charset=utf-8", "X-Error-Code": known.code } });
  }
  if (known) {
    const lfs = /^git-lfs\//.test(userAgent);
    return json(
      { error: known.message, ...(lfs ? { message: known.message } : {}), ...known.extra },
      {
        status: known.status,
        headers: { ...known.headers, "X-Error-Code": known.code, "X-Error-Message": encodeURI(known.message).slice(0, 500) },
      },
    );
  }
  log().error({ requestId, ...errorFields(e) }, "unexpected error");
  return json({ error: `Internal error (request ${requestId})` }, { status: 500, headers: { "X-Error-Code": "Internal" } });
}
