// What the pipeline knows about the request being served, reachable from any code
// that runs for it (route handlers, Next.js pages and server actions) through
// AsyncLocalStorage: its id, the client's address and the caller, resolved once.
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestContext = {
  requestId: string;
  clientIp: string;
  /** The caller (lib/auth's Actor), resolved on first use and then shared by everything serving this request. */
  actor: () => Promise<unknown>;
  /** Set by the router: the matched pattern, for logs and metrics (never the raw path). */
  route: string;
  /** The signed-in user's id once known, for the request's log line. */
  userId?: string;
  /** The page's Content-Security-Policy nonce: the few inline scripts we write carry it. */
  nonce?: string;
};

const globalForContext = globalThis as unknown as { modelhubRequestContext?: AsyncLocalStorage<RequestContext> };
// One store per process, shared by the hub server and Next's separately bundled copies of this module.
const storage = (globalForContext.modelhubRequestContext ??= new AsyncLocalStorage<RequestContext>());

export function runInRequest<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** The nonce inline scripts of the page being rendered must carry (undefined outside a page request). */
export const cspNonce = () => storage.getStore()?.nonce;
