-- CreateTable
CREATE TABLE "RepoRedirect" (
    "owner" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "repoId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RepoRedirect_pkey" PRIMARY KEY ("owner","name")
);

-- CreateIndex
CREATE INDEX "RepoRedirect_repoId_idx" ON "RepoRedirect"("repoId");

-- AddForeignKey
ALTER TABLE "RepoRedirect" ADD CONSTRAINT "RepoRedirect_repoId_fkey" FOREIGN KEY ("repoId") REFERENCES "Repo"("id") ON DELETE CASCADE ON UPDATE CASCADE;
