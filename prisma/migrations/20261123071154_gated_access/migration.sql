-- AlterTable
ALTER TABLE "Repo" ADD COLUMN     "gated" TEXT;

-- CreateTable
CREATE TABLE "AccessRequest" (
    "id" TEXT NOT NULL,
    "repoId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "fields" JSONB NOT NULL DEFAULT '{}',
    "reason" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccessRequest_repoId_userId_createdAt_idx" ON "AccessRequest"("repoId", "userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AccessRequest_repoId_status_createdAt_idx" ON "AccessRequest"("repoId", "status", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_repoId_fkey" FOREIGN KEY ("repoId") REFERENCES "Repo"("id") ON DELETE CASCADE ON UPDATE CASCADE;
