-- CreateTable
CREATE TABLE "CatalogueChange" (
    "id" BIGSERIAL NOT NULL,
    "repoId" TEXT NOT NULL,
    "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogueChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CatalogueChange_xid_idx" ON "CatalogueChange"("xid");

-- CreateIndex
CREATE INDEX "CatalogueChange_at_idx" ON "CatalogueChange"("at");

-- Every change to a repo's row, and to an owner's name, is logged in the writing
-- transaction; TRUNCATE logs '*' (reload everything). Statement-level triggers with
-- transition tables keep bulk writes to one INSERT each.
CREATE FUNCTION catalogue_log_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CatalogueChange" ("repoId") SELECT id FROM new_rows;
  RETURN NULL;
END $$;

CREATE FUNCTION catalogue_log_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CatalogueChange" ("repoId") SELECT id FROM old_rows;
  RETURN NULL;
END $$;

CREATE FUNCTION catalogue_log_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CatalogueChange" ("repoId") VALUES ('*');
  RETURN NULL;
END $$;

CREATE FUNCTION catalogue_log_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CatalogueChange" ("repoId")
  SELECT r.id FROM "Repo" r JOIN new_rows n ON n.id = r."ownerId" JOIN old_rows o ON o.id = n.id WHERE n.username IS DISTINCT FROM o.username;
  RETURN NULL;
END $$;

CREATE TRIGGER "Repo_catalogue_insert" AFTER INSERT ON "Repo" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_log_new();
CREATE TRIGGER "Repo_catalogue_update" AFTER UPDATE ON "Repo" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_log_new();
CREATE TRIGGER "Repo_catalogue_delete" AFTER DELETE ON "Repo" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_log_old();
CREATE TRIGGER "Repo_catalogue_truncate" AFTER TRUNCATE ON "Repo" FOR EACH STATEMENT EXECUTE FUNCTION catalogue_log_all();
CREATE TRIGGER "User_catalogue_rename" AFTER UPDATE ON "User" REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_log_owner();
