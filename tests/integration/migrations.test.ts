import { describe, expect, it } from "vitest";
import { pendingSchemaSql } from "../../lib/db/migrations";

describe("migrations", () => {
  it("prisma/migrations produce exactly schema.prisma (run `npm run db:migrate` after schema changes)", async () => {
    expect(await pendingSchemaSql(process.env.DATABASE_URL!)).toBe("");
  }, 120_000);
});
