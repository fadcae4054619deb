-- A verified S3 multipart upload stays where the bucket joined it, instead of being copied
-- to blobs/<sha256>; the content's row says where (null: at its content address).
ALTER TABLE "Blob" ADD COLUMN "location" TEXT;
