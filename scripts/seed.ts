// `npm run seed -- --models N`: adds N synthetic but realistic models to the hub's
// database (the same data folder or DATABASE_URL that `npm start` uses), for trying
// the catalogue and search at scale. A million takes a few minutes.
import { parseArgs } from "node:util";
import { prepareRuntime } from "./runtime";

const { values } = parseArgs({ options: { models: { type: "string", default: "1000" }, owners: { type: "string" } } });

async function main() {
  const count = Number(values.models);
  if (!Number.isSafeInteger(count) || count < 1 || count > 20_000_000) throw new Error("--models is a whole number from 1 to 20,000,000");
  const rt = await prepareRuntime({ log: console.log });
  try {
    const { seedSyntheticRepos } = await import("../lib/demo/seed-synthetic");
    const started = Date.now();
    console.log(`Seeding ${count.toLocaleString("en-US")} models…`);
    await seedSyntheticRepos(count, { owners: values.owners ? Number(values.owners) : undefined, log: console.log });
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    const { disconnectDb } = await import("../lib/db/client");
    await disconnectDb();
    await rt.db.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
