-- Fine-tunes are judged against a baseline they compute themselves; one that did not beat
-- it publishes nothing unless asked. Their data can come from a dataset repo at a commit.
ALTER TABLE "FineTuneJob" ADD COLUMN "baseline" JSONB;
ALTER TABLE "FineTuneJob" ADD COLUMN "publishAnyway" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "FineTuneJob" ADD COLUMN "datasetRepoId" TEXT;
ALTER TABLE "FineTuneJob" ADD COLUMN "datasetRepo" TEXT;
ALTER TABLE "FineTuneJob" ADD COLUMN "datasetCommit" TEXT;
ALTER TABLE "FineTuneJob" ADD COLUMN "datasetPath" TEXT;
-- Which trainer runtime a job needs (workers without it never claim it).
ALTER TABLE "FineTuneJob" ADD COLUMN "runtime" TEXT NOT NULL DEFAULT 'tfjs';
