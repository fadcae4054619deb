-- AlterTable
ALTER TABLE "Repo" ADD COLUMN     "baseModelRelation" TEXT,
ADD COLUMN     "baseModels" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "forkOfId" TEXT,
ADD COLUMN     "sourceJobId" TEXT;

-- CreateTable
CREATE TABLE "FineTuneJob" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "baseRepoId" TEXT,
    "baseId" TEXT NOT NULL,
    "baseCommit" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "datasetSha256" TEXT NOT NULL,
    "datasetName" TEXT NOT NULL,
    "datasetBytes" BIGINT NOT NULL,
    "params" JSONB NOT NULL,
    "hardware" TEXT NOT NULL,
    "outputName" TEXT NOT NULL,
    "outputPrivate" BOOLEAN NOT NULL,
    "outputLicense" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxSeconds" INTEGER NOT NULL,
    "workerId" TEXT,
    "error" TEXT,
    "metrics" JSONB,
    "outputRepoId" TEXT,
    "rerunOfId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),

    CONSTRAINT "FineTuneJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobEvent" (
    "id" BIGSERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Worker" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "capabilities" JSONB NOT NULL,
    "queueIds" TEXT[],
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Worker_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FineTuneJob_userId_status_idx" ON "FineTuneJob"("userId", "status");

-- CreateIndex
CREATE INDEX "JobEvent_jobId_id_idx" ON "JobEvent"("jobId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Repo_sourceJobId_key" ON "Repo"("sourceJobId");

-- CreateIndex
CREATE INDEX "Repo_forkOfId_idx" ON "Repo"("forkOfId");

-- CreateIndex
CREATE INDEX "Repo_baseModels_idx" ON "Repo" USING GIN ("baseModels");

-- AddForeignKey
ALTER TABLE "Repo" ADD CONSTRAINT "Repo_forkOfId_fkey" FOREIGN KEY ("forkOfId") REFERENCES "Repo"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FineTuneJob" ADD CONSTRAINT "FineTuneJob_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobEvent" ADD CONSTRAINT "JobEvent_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "FineTuneJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;
