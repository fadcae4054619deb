-- Account webhooks (repoId null) watch repos and namespaces listed in "watched".
ALTER TABLE "Webhook" ALTER COLUMN "repoId" DROP NOT NULL;
ALTER TABLE "Webhook" ADD COLUMN "watched" JSONB NOT NULL DEFAULT '[]';

-- CreateIndex
CREATE INDEX "Webhook_createdById_idx" ON "Webhook"("createdById");

-- Which account webhooks watch a repo or its namespace: a containment lookup.
CREATE INDEX "Webhook_watched_idx" ON "Webhook" USING GIN ("watched" jsonb_path_ops);
