-- Each catalogue change also wakes the processes that LISTEN on modelhub_catalogue, so their
-- search indexes catch up as the writing transaction commits, not when the next listing finds
-- the change (which then waits for it). The log stays the record: a missed wake-up only delays.
-- A statement that changed no row wakes no one; PostgreSQL delivers a notification at commit,
-- once per transaction for the same payload.
CREATE OR REPLACE FUNCTION catalogue_log_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CatalogueChange" ("repoId") SELECT id FROM new_rows;
  IF FOUND THEN
    PERFORM pg_notify('modelhub_catalogue', '');
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION catalogue_log_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CatalogueChange" ("repoId") SELECT id FROM old_rows;
  IF FOUND THEN
    PERFORM pg_notify('modelhub_catalogue', '');
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION catalogue_log_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CatalogueChange" ("repoId") VALUES ('*');
  PERFORM pg_notify('modelhub_catalogue', '');
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION catalogue_log_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CatalogueChange" ("repoId")
  SELECT r.id FROM "Repo" r JOIN new_rows n ON n.id = r."ownerId" JOIN old_rows o ON o.id = n.id WHERE n.username IS DISTINCT FROM o.username;
  IF FOUND THEN
    PERFORM pg_notify('modelhub_catalogue', '');
  END IF;
  RETURN NULL;
END $$;
