-- CreateTable
CREATE TABLE "DemoRun" (
    "id" TEXT NOT NULL,
    "repoId" TEXT NOT NULL,
    "commitId" TEXT NOT NULL,
    "backend" TEXT NOT NULL,
    "cached" BOOLEAN NOT NULL,
    "loadMs" INTEGER NOT NULL,
    "firstMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DemoRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DemoRun_repoId_commitId_createdAt_idx" ON "DemoRun"("repoId", "commitId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "DemoRun" ADD CONSTRAINT "DemoRun_repoId_fkey" FOREIGN KEY ("repoId") REFERENCES "Repo"("id") ON DELETE CASCADE ON UPDATE CASCADE;
