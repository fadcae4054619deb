// The one mapping of database errors: unique violations become the caller's
// conflict, and a database that cannot be reached becomes a 503 (with the outage
// noted, so the pipeline can answer later requests at once).
import { conflict, type HubError, serviceUnavailable } from "../errors";
import { markDatabaseDown } from "./db-health";
import { Prisma } from "./generated/client";

export function isUniqueViolation(e: unknown): boolean {
  if (e instanceof Prisma.PrismaClientKnownRequestError) return e.code === "P2002";
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "23505";
}

/** Runs `fn`; a unique violation becomes a 409 with `message`. */
export async function uniqueOr<T>(fn: () => Promise<T>, message: string, extra: Record<string, unknown> = {}): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(message, extra);
    throw e;
  }
}

// node-postgres and the driver adapter report a lost server by socket error codes or these messages.
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", "53300"]);
const CONNECTION_TEXT = /ECONNREFUSED|ECONNRESET|Connection terminated|connection timeout|terminating connection|the database system is (starting up|shutting down)|Can't reach database|Timed out fetching a new connection|Client has encountered a connection error|too many clients/i;

/** Whether an error means the database could not be reached (not a bad statement). */
export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== "object" || depth > 4) return false;
  const err = e as { code?: unknown; message?: unknown; cause?: unknown; errorCode?: unknown; name?: unknown };
  if (typeof err.code === "string" && CONNECTION_CODES.has(err.code)) return true;
  if (err instanceof Prisma.PrismaClientInitializationError) return true;
  if (typeof err.message === "string" && CONNECTION_TEXT.test(err.message)) return true;
  if (Array.isArray((e as AggregateError).errors) && (e as AggregateError).errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(err.cause, depth + 1);
}

/** The HubError for an unexpected error when it is an outage of the database, else null. */
export function outageError(e: unknown): HubError | null {
  if (!isDatabaseUnavailable(e)) return null;
  markDatabaseDown();
  return serviceUnavailable("The hub's database is unreachable at the moment. Try again in a few seconds.", 5);
}
