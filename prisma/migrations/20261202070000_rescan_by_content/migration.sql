-- The pickle scanner now reads every content by what it holds (scanner version 2):
-- verdicts of the old, name-based scanner no longer stand. Every content is scanned
-- again (queued by the hub at start and by `hubctl scan backfill`).
UPDATE "Blob" SET "scanStatus" = NULL, "scan" = NULL WHERE "scanStatus" IS NOT NULL;
