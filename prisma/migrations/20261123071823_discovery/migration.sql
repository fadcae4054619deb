-- Trigram matching for partial model and user names.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "Repo" ADD COLUMN     "datasets" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "libraryName" TEXT,
ADD COLUMN     "pipelineTag" TEXT,
ADD COLUMN     "search" tsvector,
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "trending" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Repo_tags_idx" ON "Repo" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "Repo_languages_idx" ON "Repo" USING GIN ("languages");

-- CreateIndex
CREATE INDEX "Repo_search_idx" ON "Repo" USING GIN ("search");

-- CreateIndex
CREATE INDEX "Repo_name_trgm_idx" ON "Repo" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Repo_pipelineTag_idx" ON "Repo"("pipelineTag");

-- CreateIndex
CREATE INDEX "Repo_libraryName_idx" ON "Repo"("libraryName");

-- CreateIndex
CREATE INDEX "Repo_license_idx" ON "Repo"("license");

-- CreateIndex
CREATE INDEX "Repo_trending_id_idx" ON "Repo"("trending" DESC, "id");

-- CreateIndex
CREATE INDEX "Repo_updatedAt_id_idx" ON "Repo"("updatedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "User_username_trgm_idx" ON "User" USING GIN ("username" gin_trgm_ops);
