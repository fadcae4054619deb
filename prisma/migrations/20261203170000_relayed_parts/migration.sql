-- S3 multipart uploads pass through the hub, which hashes them on the way. A completion
-- trusts that hash only when it saw every part write, which this count (kept by all web
-- nodes together) tells it.
ALTER TABLE "PendingUpload" ADD COLUMN "relayedParts" INTEGER NOT NULL DEFAULT 0;
