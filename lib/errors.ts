// HubError: the one error type for expected failures. The API wrapper turns it
// into JSON + X-Error-Code (hub-api.md §1, which the Python client maps to exceptions).

export type ErrorCode =
  | "BadRequest"
  | "Unauthorized"
  | "Forbidden"
  | "RepoNotFound"
  | "RevisionNotFound"
  | "EntryNotFound"
  | "NotFound"
  | "Conflict"
  | "PreconditionFailed"
  | "PayloadTooLarge"
  | "RangeNotSatisfiable"
  | "TooManyRequests"
  | "LicenseConflict"
  | "GatedRepo"
  | "Internal";

export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "HubError";
  }
  /** Extra response headers (e.g. Retry-After on a 429). */
  headers: Record<string, string> = {};
}

export const badRequest = (message: string) => new HubError(400, "BadRequest", message);
export const unauthorized = (message = "Authentication required") => new HubError(401, "Unauthorized", message);
export const forbidden = (message = "You do not have access to this resource") => new HubError(403, "Forbidden", message);
export const repoNotFound = (id: string) => new HubError(404, "RepoNotFound", `Repository ${id} not found`);
export const revisionNotFound = (rev: string) => new HubError(404, "RevisionNotFound", `Revision ${rev} not found`);
export const entryNotFound = (path: string) => new HubError(404, "EntryNotFound", `Entry ${path} not found`);
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new HubError(409, "Conflict", message, extra);
