// The hub's log lines as parsed objects, for tests that check what it writes.
import { Writable } from "node:stream";
import { logTo } from "../../lib/observability/log";

/** Sends the process's log to a list from now on and returns the list (restore the previous logger after). */
export function captureLog(level = "info"): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  logTo(
    new Writable({
      write(chunk: Buffer, _e, done) {
        for (const l of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    }),
    level,
  );
  return lines;
}
