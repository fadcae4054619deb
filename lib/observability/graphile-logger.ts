// graphile-worker's logger, routed to ours: its warnings and errors always, the rest at debug level.
import { Logger } from "graphile-worker";
import { log } from "./log";

export function quietLogger(): Logger {
  return new Logger((scope) => (level, message, meta) => {
    const fields = { queue: scope.label ?? "graphile-worker", ...(scope.taskIdentifier ? { task: scope.taskIdentifier } : {}), ...(scope.jobId ? { jobId: scope.jobId } : {}) };
    if (level === "error") log().error(fields, message);
    else if (level === "warning") log().warn(fields, message);
    else log().debug({ ...fields, meta }, message);
  });
}
