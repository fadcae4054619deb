-- AlterTable
ALTER TABLE "Repo" ADD COLUMN     "likes" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Like" (
    "userId" TEXT NOT NULL,
    "repoId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Like_pkey" PRIMARY KEY ("userId","repoId")
);

-- CreateTable
CREATE TABLE "DownloadDay" (
    "repoId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DownloadDay_pkey" PRIMARY KEY ("repoId","day")
);

-- CreateTable
CREATE TABLE "DownloadSeen" (
    "day" DATE NOT NULL,
    "repoId" TEXT NOT NULL,
    "fileKey" TEXT NOT NULL,
    "clientKey" TEXT NOT NULL,

    CONSTRAINT "DownloadSeen_pkey" PRIMARY KEY ("day","repoId","fileKey","clientKey")
);

-- CreateIndex
CREATE INDEX "Like_repoId_idx" ON "Like"("repoId");

-- CreateIndex
CREATE INDEX "Repo_likes_id_idx" ON "Repo"("likes" DESC, "id");

-- CreateIndex
CREATE INDEX "Repo_downloads_id_idx" ON "Repo"("downloads" DESC, "id");
