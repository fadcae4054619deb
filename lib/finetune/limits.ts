// Per-user limits on fine-tuning: the configured ones (lib/env) and fixed bounds on datasets.
import { env } from "../env";

export const limits = () => ({
  /** Queued plus running jobs per user. */
  concurrentJobs: env().FINETUNE_MAX_CONCURRENT,
  datasetBytes: env().FINETUNE_MAX_DATASET_BYTES,
  /** Longest a job may run, and the default when a job does not ask for less. */
  jobSeconds: env().FINETUNE_MAX_SECONDS,
  rows: 1_000_000,
  images: 20_000,
  imageMegapixels: 16,
  archiveEntries: 50_000,
  archiveBytes: 2 * 1024 ** 3,
  textChars: 10_000,
  labels: 1000,
});
