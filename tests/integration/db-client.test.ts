// The app's connection pool outlives a broken connection: PostgreSQL ending an idle one
// (a restart, an administrator, an idle timeout) must not end the process.
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { Prisma, db, disconnectDb, plainQuery } from "../../lib/db/client";
import { log } from "../../lib/observability/log";

describe("database client", () => {
  it("drops an idle connection the server ended, says so, and goes on", async () => {
    // a fresh pool that only plainQuery has used, so Prisma is not listening on it yet
    await disconnectDb();
    const warn = vi.spyOn(log(), "warn").mockImplementation(() => {});
    const [row] = await plainQuery<{ pid: number }>(Prisma.sql`SELECT pg_backend_pid() AS pid`);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend($1)", [row!.pid]);
    await admin.end();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.anything(), expect.stringContaining("an idle connection was dropped")));
    expect(await plainQuery(Prisma.sql`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
    expect(await db().user.count()).toBeGreaterThanOrEqual(0);
    warn.mockRestore();
  });
});
