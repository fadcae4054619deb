// The architecture in rules (ARCHITECTURE.md, "Layers"): every import points down a
// layer, and no import cycle exists anywhere (type-only imports count: a cycle of
// types is a design knot too). `npm run lint` fails on any violation.
//
//   foundation  lib/env.ts lib/errors.ts lib/observability/
//   storage     lib/db/ lib/storage/
//   domain      every other lib/<domain>/
//   http        lib/http/            the request pipeline, bodies, replies
//   wire        lib/hub-api/         the HF protocol: route table and endpoints
//   composition lib/server/ lib/worker/
//   entries     app/ components/ workers/ scripts/ bench/ tests/
const FOUNDATION = "^lib/(env|errors)\\.ts$|^lib/observability/";
const STORAGE = "^lib/(db|storage)/";
const HTTP = "^lib/http/";
const WIRE = "^lib/hub-api/";
const COMPOSITION = "^lib/(server|worker)/";
const DOMAIN_NOT = [FOUNDATION, STORAGE, HTTP, WIRE, COMPOSITION].join("|");
const ENTRIES = "^(app|components|workers|scripts|bench|tests)/";

const down = (name, from, fromNot, to, comment) => ({ name, severity: "error", comment, from: { path: from, ...(fromNot ? { pathNot: fromNot } : {}) }, to: { path: to } });

module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "Move what both sides share one layer down.", from: {}, to: { circular: true } },
    down("foundation-is-the-bottom", FOUNDATION, null, `^lib/(?!(env|errors)\\.ts$|observability/)`, "env, errors and observability import nothing else of the hub"),
    down("storage-below-domains", STORAGE, null, `^lib/(?!(env|errors)\\.ts$|observability/|db/|storage/)`, "the database and blob store know no domain"),
    down("domains-below-http", "^lib/", DOMAIN_NOT, `${HTTP}|${WIRE}|${COMPOSITION}`, "domains take plain inputs; HTTP is above them"),
    down("http-below-wire", HTTP, null, `${WIRE}|${COMPOSITION}`, "the pipeline knows no endpoint"),
    down("wire-below-composition", WIRE, null, COMPOSITION, "endpoints do not start servers or workers"),
    down("wire-format-only", WIRE, null, "^lib/db/", "hub-api shapes requests and answers; queries live in the domains"),
    down("lib-below-entries", "^lib/", null, ENTRIES, "lib never imports pages, components, scripts or tests"),
    down("ui-without-database", "^(app|components)/", null, "^lib/db/|^node_modules/@prisma/|^node_modules/pg/", "pages and components reach data through lib/ functions"),
    down("components-below-pages", "^components/", null, "^app/", "components are reusable: they never import a page"),
  ],
  options: {
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^lib/db/generated/|\\.next/|node_modules/" },
    moduleSystems: ["es6", "cjs"],
  },
};
