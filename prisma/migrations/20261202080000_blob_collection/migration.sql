-- AlterTable
ALTER TABLE "Blob" ADD COLUMN     "unreferencedSince" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Blob_unreferencedSince_idx" ON "Blob"("unreferencedSince");
