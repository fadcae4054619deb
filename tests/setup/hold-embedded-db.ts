// A process that starts (or shares) an embedded cluster and holds it until signalled:
// `tsx tests/setup/hold-embedded-db.ts <clusterDir>` prints "READY <url> <startedHere>".
import { startEmbeddedPostgres } from "../../lib/db/embedded";

const db = await startEmbeddedPostgres({ clusterDir: process.argv[2]!, database: "held" });
console.log(`READY ${db.url} ${db.startedHere}`);
process.on("SIGTERM", () => void db.stop().then(() => process.exit(0)));
setInterval(() => {}, 1 << 30);
