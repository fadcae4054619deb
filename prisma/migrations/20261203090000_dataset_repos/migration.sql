-- Dataset repositories: a repo is a model or a dataset, and each kind has its own
-- names under a namespace (as on the Hugging Face Hub, user/x can be both).
ALTER TABLE "Repo" ADD COLUMN "type" TEXT NOT NULL DEFAULT 'model';
DROP INDEX "Repo_ownerId_name_key";
CREATE UNIQUE INDEX "Repo_ownerId_type_name_key" ON "Repo"("ownerId", "type", "name");
CREATE INDEX "Repo_type_createdAt_id_idx" ON "Repo"("type", "createdAt" DESC, "id");

ALTER TABLE "RepoRedirect" ADD COLUMN "type" TEXT NOT NULL DEFAULT 'model';
ALTER TABLE "RepoRedirect" DROP CONSTRAINT "RepoRedirect_pkey";
ALTER TABLE "RepoRedirect" ADD CONSTRAINT "RepoRedirect_pkey" PRIMARY KEY ("owner", "type", "name");

-- A dataset page lists the models whose card names it.
CREATE INDEX "Repo_datasets_idx" ON "Repo" USING GIN ("datasets");
