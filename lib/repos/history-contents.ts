// The contents (sha256) named anywhere in the history of some refs: every commit they
// reach (all parents), every tree under those commits, every file entry. One statement
// shared by the blob collector (all refs), storage quotas (a namespace's repos) and
// the LFS download check (one repo).
import { Prisma } from "../db/client";

/** A subquery `(… SELECT sha256 …)` over the refs `refCondition` selects (a condition on "Ref"). */
export const historyContents = (refCondition: Prisma.Sql) => Prisma.sql`(
  WITH RECURSIVE commits(id) AS (
    SELECT DISTINCT "commitId" FROM "Ref" WHERE ${refCondition}
    UNION
    SELECT p FROM commits c JOIN "Commit" k ON k.id = c.id CROSS JOIN LATERAL unnest(k."parentIds") p
  ), trees(id) AS (
    SELECT DISTINCT k."treeId" FROM commits c JOIN "Commit" k ON k.id = c.id
    UNION
    SELECT e->>'oid' FROM trees t JOIN "Tree" tr ON tr.id = t.id CROSS JOIN LATERAL jsonb_array_elements(tr.entries) e WHERE e->>'type' = 'dir'
  )
  SELECT DISTINCT e->>'sha256' AS sha256 FROM trees t JOIN "Tree" tr ON tr.id = t.id CROSS JOIN LATERAL jsonb_array_elements(tr.entries) e WHERE e->>'type' = 'file')`;
