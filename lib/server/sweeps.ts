// Housekeeping every hub process runs hourly: abandoned upload staging, stale
// pending S3 uploads, download de-duplication keys, rate counters, sign-in
// history and stored files nothing names any more (one hub at a time collects).
import { sweepSignInEvents } from "../auth/sign-in";
import { collectGarbage } from "../blobs/collect-garbage";
import { sweepDownloadSeen } from "../community/download-counts";
import { errorFields, log } from "../observability/log";
import { sweepRateCounters } from "../ratelimit/rate-limit";
import { STALE_AFTER_MS, sweepStaging } from "../storage/sweep-staging";
import { sweepPendingUploads } from "../uploads/s3-uploads";

export function startSweeps(): () => void {
  const sweep = () =>
    void Promise.all([sweepStaging(), sweepPendingUploads(STALE_AFTER_MS), sweepDownloadSeen(), sweepRateCounters(), sweepSignInEvents(), collectGarbage()]).catch((e) => log().error(errorFields(e), "hourly sweep failed"));
  sweep();
  const timer = setInterval(sweep, 3600_000).unref();
  return () => clearInterval(timer);
}
