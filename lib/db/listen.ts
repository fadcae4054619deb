// PostgreSQL's LISTEN on a connection of its own (a pooled connection would be handed to
// other statements and drop the subscription). A notification is only a wake-up: callers
// must stay correct when one is missed (a broken connection, a pooler in transaction mode
// that cannot keep LISTEN), so errors are logged and the connection retried with backoff.
import pg from "pg";
import { env } from "../env";
import { log } from "../observability/log";

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * Calls `wake` on every notification on `channel`, and once each time the subscription
 * starts (notifications sent while it was down are lost). Returns a function that stops.
 */
export function listen(channel: string, wake: () => void): () => Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = RETRY_MIN_MS;
  let timer: NodeJS.Timeout | null = null;

  const retry = (reason: string) => {
    if (stopped || timer) return;
    log().warn({ channel, reason, retryMs }, "database: listening stopped; retrying");
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: env().DATABASE_URL, connectionTimeoutMillis: 5000 });
    client = c;
    c.on("notification", (n) => n.channel === channel && wake());
    c.on("error", (e) => {
      if (client === c) client = null;
      void c.end().catch(() => {});
      retry(e.message);
    });
    c.on("end", () => {
      if (client !== c) return;
      client = null;
      retry("the connection ended");
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      if (stopped) return void (await c.end());
      retryMs = RETRY_MIN_MS;
      wake();
    } catch (e) {
      if (client === c) client = null;
      void c.end().catch(() => {});
      retry((e as Error).message);
    }
  };

  void connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}
