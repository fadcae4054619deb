// Client components ("use client" files) run in the browser: nothing they import,
// directly or through other modules, may reach the database, the blob store, the
// request pipeline or Node's own modules. Type-only imports are erased and do not count.
const fs = require("node:fs");
const path = require("node:path");

function clientFiles(dir, out = []) {
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) clientFiles(full, out);
    else if (/\.tsx?$/.test(name) && /^\s*["']use client["']/.test(fs.readFileSync(full, "utf8"))) out.push(full);
  }
  return out;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const CLIENT = clientFiles("app").concat(clientFiles("components")).map((f) => `^${escape(f)}$`);

module.exports = {
  forbidden: [
    {
      name: "client-stays-in-the-browser",
      severity: "error",
      comment: "A client component pulled server-only code into the browser bundle: pass plain data as props instead.",
      from: { path: CLIENT.length ? CLIENT : ["^$"] },
      to: { reachable: true, path: "^lib/(db|storage|http|hub-api|server|worker|jobs)/|^lib/auth/(sessions|tokens|request-actor|current-actor|users|passwords)\\.ts$|^node_modules/(pg|@prisma|pino|prom-client|graphile-worker)/" },
    },
    { name: "client-no-node-builtins", severity: "error", from: { path: CLIENT.length ? CLIENT : ["^$"] }, to: { dependencyTypes: ["core"] } },
  ],
  options: {
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: false,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^lib/db/generated/|\\.next/" },
  },
};
