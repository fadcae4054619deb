// Used only by the stock Prisma CLI on machines that can run it; our own
// scripts (scripts/db.ts) migrate through the WebAssembly schema engine.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/modelhub" },
});
