// The Prisma client singleton, over node-postgres (no native query engine).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { env } from "../env";

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { modelhubDb?: PrismaClient };

export function db(): PrismaClient {
  if (!globalForDb.modelhubDb) {
    const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 });
    globalForDb.modelhubDb = new PrismaClient({ adapter });
  }
  return globalForDb.modelhubDb;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.modelhubDb?.$disconnect();
  globalForDb.modelhubDb = undefined;
}

export { Prisma } from "./generated/client";
