// Per-user limits on fine-tuning, from the environment with safe defaults.
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

export const limits = () => ({
  /** Queued plus running jobs per user. */
  concurrentJobs: num("FINETUNE_MAX_CONCURRENT", 2),
  datasetBytes: num("FINETUNE_MAX_DATASET_BYTES", 200 * 1024 * 1024),
  /** Longest a job may run, and the default when a job does not ask for less. */
  jobSeconds: num("FINETUNE_MAX_SECONDS", 3600),
  rows: 1_000_000,
  images: 20_000,
  imageMegapixels: 16,
  archiveEntries: 50_000,
  archiveBytes: 2 * 1024 ** 3,
  textChars: 10_000,
  labels: 1000,
});
