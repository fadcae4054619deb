// One advisory lock between the blob collector and backups: a backup holds it shared
// while it copies the files its database snapshot names, and the collector only runs
// when it can take it alone, so no file a backup still needs is removed under it.
export const BLOB_GC_LOCK = 7_140_042_002;
