-- AlterTable
ALTER TABLE "Commit" ADD COLUMN     "raw" BYTEA;

-- AlterTable
ALTER TABLE "Ref" ADD COLUMN     "tagOid" TEXT;

-- AlterTable
ALTER TABLE "Repo" ADD COLUMN     "allowForcePush" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "GitTag" (
    "oid" TEXT NOT NULL,
    "raw" BYTEA NOT NULL,
    "commitId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GitTag_pkey" PRIMARY KEY ("oid")
);

-- CreateIndex
CREATE INDEX "Blob_gitOid_idx" ON "Blob"("gitOid");
