// HubError: the one error type for expected failures, made only through the named
// constructors below. The request pipeline turns it into JSON + X-Error-Code
// (hub-api.md §1, which the Python client maps to exceptions).

export type ErrorCode =
  | "BadRequest"
  | "Unauthorized"
  | "Forbidden"
  | "RepoNotFound"
  | "RevisionNotFound"
  | "EntryNotFound"
  | "NotFound"
  | "MethodNotAllowed"
  | "Conflict"
  | "PreconditionFailed"
  | "PayloadTooLarge"
  | "Unprocessable"
  | "RangeNotSatisfiable"
  | "TooManyRequests"
  | "LicenseConflict"
  | "GatedRepo"
  | "QuotaExceeded"
  | "NotImplemented"
  | "ServiceUnavailable"
  | "Internal";

export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
    /** Extra response headers (Retry-After on a 429 or 503, WWW-Authenticate on a 401). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HubError";
  }
}

type Extra = Record<string, unknown>;

export const badRequest = (message: string, extra?: Extra) => new HubError(400, "BadRequest", message, extra);
export const unauthorized = (message = "Authentication required") => new HubError(401, "Unauthorized", message);
/** A 401 that asks for HTTP Basic credentials (git prompts for them, or takes them from its credential helper). */
export const credentialsRequired = (message: string) => new HubError(401, "Unauthorized", message, {}, { "WWW-Authenticate": 'Basic realm="Modelhub", charset="UTF-8"' });
export const forbidden = (message = "You do not have access to this resource", extra?: Extra) => new HubError(403, "Forbidden", message, extra);
export const notFound = (message: string) => new HubError(404, "NotFound", message);
export const repoNotFound = (id: string, kind = "Repository") => new HubError(404, "RepoNotFound", `${kind} ${id} not found`);
export const revisionNotFound = (rev: string) => new HubError(404, "RevisionNotFound", `Revision ${rev} not found`);
export const entryNotFound = (path: string) => new HubError(404, "EntryNotFound", `Entry ${path} not found`);
export const methodNotAllowed = (allowed: string[]) => new HubError(405, "MethodNotAllowed", `Use ${allowed.join(" or ")} here`, {}, { Allow: allowed.join(", ") });
export const conflict = (message: string, extra: Extra = {}) => new HubError(409, "Conflict", message, extra);
export const preconditionFailed = (message: string) => new HubError(412, "PreconditionFailed", message);
export const payloadTooLarge = (message: string) => new HubError(413, "PayloadTooLarge", message);
export const quotaExceeded = (message: string, extra: Extra) => new HubError(413, "QuotaExceeded", message, extra);
export const unprocessable = (message: string) => new HubError(422, "Unprocessable", message);
export const licenseConflict = (message: string, extra?: Extra) => new HubError(400, "LicenseConflict", message, extra);
export const gatedRepo = (status: 401 | 403, message: string) => new HubError(status, "GatedRepo", message);
export const tooManyRequests = (message: string, headers: Record<string, string>) => new HubError(429, "TooManyRequests", message, {}, headers);
export const notImplemented = (message: string) => new HubError(501, "NotImplemented", message);
export const serviceUnavailable = (message: string, retryAfterSeconds: number) =>
  new HubError(503, "ServiceUnavailable", message, {}, { "Retry-After": String(retryAfterSeconds) });
