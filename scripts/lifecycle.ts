// Signals for long-running entry points (the hub, a worker): the first SIGTERM,
// SIGINT or SIGHUP runs the graceful stop once; a second one while it runs exits at once.
import { errorFields, log } from "../lib/observability/log";

export function stopOnSignals(stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log().warn({ signal }, "second signal: exiting without waiting");
      process.exit(130);
    }
    stopping = true;
    log().info({ signal }, "shutting down");
    stop(signal).then(
      () => {
        log().info("stopped");
        process.exit(0);
      },
      (e) => {
        log().error(errorFields(e), "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  process.on("SIGHUP", onSignal); // the terminal went away: stop as cleanly as for SIGTERM
}

/** Stops the process with a clear line when start-up fails (a bad variable names itself). */
export function failStart(e: unknown): never {
  const message = e instanceof Error ? e.message : String(e);
  log().fatal({ err: { message } }, "start failed");
  // Also as plain text: a configuration message spans lines and names each variable.
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
