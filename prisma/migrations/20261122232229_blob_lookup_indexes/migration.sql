-- CreateIndex
CREATE INDEX "Commit_treeId_idx" ON "Commit"("treeId");

-- CreateIndex
CREATE INDEX "Tree_entries_idx" ON "Tree" USING GIN ("entries" jsonb_path_ops);
