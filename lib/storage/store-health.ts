// Whether the blob store is reachable, as last seen. The drivers report failures of
// the store itself (no answer, a 5xx, a disk that cannot be read or written) here and
// turn them into a 503 with Retry-After; a missing object is not an outage. While the
// store is down a probe pings it every second and clears the mark on the first answer.
import { serviceUnavailable, type HubError } from "../errors";
import { log } from "../observability/log";

type Health = { down: boolean; probing: boolean };
const globalForHealth = globalThis as unknown as { modelhubStoreHealth?: Health };
const state = (globalForHealth.modelhubStoreHealth ??= { down: false, probing: false });

const PROBE_MS = 1000;
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED", "TimeoutError", "RequestTimeout", "NetworkingError"]);
// A disk that is gone, full, read-only or unreadable; ENOENT is a missing blob, not an outage.
const DISK_CODES = new Set(["EIO", "ENOSPC", "EROFS", "EACCES", "EPERM", "ESTALE", "ENOTCONN", "EDQUOT", "ENXIO"]);

export function storeDown(): boolean {
  return state.down;
}

/** Whether an error from a driver means the store itself failed (not one request's object). */
export function isStoreFailure(e: unknown): boolean {
  if (!e || typeof e !== "object") return false;
  const err = e as { code?: unknown; name?: unknown; $metadata?: { httpStatusCode?: number }; cause?: unknown };
  const status = err.$metadata?.httpStatusCode;
  if (typeof status === "number") return status >= 500;
  if (typeof err.code === "string" && (NETWORK_CODES.has(err.code) || DISK_CODES.has(err.code))) return true;
  if (typeof err.name === "string" && NETWORK_CODES.has(err.name)) return true;
  return err.cause ? isStoreFailure(err.cause) : false;
}

/** Notes the outage (starting the probe) and returns the 503 to throw instead. */
export function storeOutage(e: unknown, ping: () => Promise<void>): HubError {
  if (!state.down) log().error({ code: (e as { code?: string }).code ?? (e as { name?: string }).name }, "blob store unreachable");
  state.down = true;
  if (!state.probing) {
    state.probing = true;
    const probe = () =>
      ping().then(
        () => {
          state.down = false;
          state.probing = false;
          log().info("blob store reachable again");
        },
        () => void setTimeout(probe, PROBE_MS).unref(),
      );
    setTimeout(probe, PROBE_MS).unref();
  }
  const out = serviceUnavailable("The hub's file store is unreachable at the moment. Try again in a few seconds.", 5);
  (out as { cause?: unknown }).cause = e;
  return out;
}

/** Runs a store operation; a failure of the store becomes the 503 above. */
export async function guardStore<T>(op: () => Promise<T>, ping: () => Promise<void>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw isStoreFailure(e) ? storeOutage(e, ping) : e;
  }
}
