// Database verbs: `db:migrate [name]` writes a new migration from schema changes
// and applies it; `db:deploy` applies pending migrations; `db:generate` the client.
import { prepareRuntime, ensurePrismaClient } from "./runtime";
import { applyMigrations, createMigration } from "../lib/db/migrations";

const [verb, label = "change"] = process.argv.slice(2);

async function main() {
  if (verb === "generate") return ensurePrismaClient();
  const rt = await prepareRuntime({ log: console.log, migrate: false });
  try {
    if (verb === "migrate") {
      await applyMigrations(rt.databaseUrl);
      const name = await createMigration(rt.databaseUrl, label);
      console.log(name ? `Created prisma/migrations/${name}` : "Schema and migrations agree: nothing to do.");
    }
    const applied = await applyMigrations(rt.databaseUrl);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
  } finally {
    await rt.db.stop();
  }
}

if (!["migrate", "deploy", "generate"].includes(verb ?? "")) {
  console.error("usage: tsx scripts/db.ts migrate [name] | deploy | generate");
  process.exit(2);
}
main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
