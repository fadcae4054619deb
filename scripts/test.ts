// `npm test`: the whole suite on a fresh machine. Checks the architecture and types
// (lint, typecheck), installs Debian's Chromium, git, git-lfs and Python packages when
// missing (as root), then runs Vitest (unit + integration on a real PostgreSQL) and
// Playwright (end-to-end in Chromium), and prints one summary line. A step that could not run at all (a
// runner that did not start, a report that is missing) counts as a failure.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ensurePrismaClient, ROOT } from "./runtime";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env });
  return res.status ?? 1;
}

/** The Debian packages the vendored huggingface_hub (tests/vendor/python) imports. */
const PYTHON_PACKAGES = ["python3", "python3-httpx", "python3-yaml", "python3-tqdm", "python3-packaging", "python3-typing-extensions"];

/**
 * Debian packages the suite drives for real: Chromium (end-to-end), git and git-lfs (the
 * git server's tests), Python 3 with the official client's dependencies (its tests), and
 * PyTorch with torchvision (the PyTorch trainer's tests).
 */
function ensureDebianTools(): void {
  const onPath = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
  const pythonReady = spawnSync("/usr/bin/python3", ["-c", "import httpx, yaml, tqdm, packaging, typing_extensions"], { stdio: "ignore" }).status === 0;
  // the PyTorch trainer's tests (Debian's builds: nothing comes from a Python package index)
  const torchReady = spawnSync("/usr/bin/python3", ["-c", "import torch, torchvision"], { stdio: "ignore" }).status === 0;
  const missing = [
    ...(existsSync(CHROMIUM) ? [] : ["chromium"]),
    ...(onPath("git") ? [] : ["git"]),
    ...(onPath("git-lfs") ? [] : ["git-lfs"]),
    ...(pythonReady ? [] : PYTHON_PACKAGES),
    ...(torchReady ? [] : ["python3-torch", "python3-torchvision"]),
  ];
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing ${missing.join(", ")}: install Debian's packages (apt-get install ${missing.join(" ")})${missing.includes("chromium") ? " or set CHROMIUM_PATH" : ""}.`);
  }
  console.log(`[test] Installing Debian's ${missing.join(", ")} for the tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (run("apt-get", ["update", "-qq"], env) !== 0 || run("apt-get", ["install", "-y", "-qq", ...missing], env) !== 0) {
    throw new Error(`apt-get install ${missing.join(" ")} failed`);
  }
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, file), "utf8")) as T;
  } catch {
    return null;
  }
}

type VitestReport = { numPassedTests: number; numFailedTests: number; testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[] };
type PlaywrightSuite = { file: string; suites?: PlaywrightSuite[]; specs?: { title: string; ok: boolean; line: number }[] };
type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number }; suites: PlaywrightSuite[] };

function collectPlaywrightFailures(suites: PlaywrightSuite[], out: string[]): void {
  for (const s of suites) {
    for (const spec of s.specs ?? []) if (!spec.ok) out.push(`${s.file}:${spec.line} > ${spec.title}`);
    collectPlaywrightFailures(s.suites ?? [], out);
  }
}

function main(): number {
  const only = process.argv[2]; // "unit" | "e2e" | "checks" | undefined (all)
  rmSync(path.join(ROOT, "test-results"), { recursive: true, force: true });
  mkdirSync(path.join(ROOT, "test-results"), { recursive: true });
  ensurePrismaClient();
  if (only !== "checks") ensureDebianTools();
  let passed = 0;
  let failed = 0;
  let code = 0;
  const failures: string[] = [];

  if (only === undefined || only === "checks") {
    for (const [name, script] of [["lint", "lint"], ["typecheck", "typecheck"]] as const) {
      const c = run("npm", ["run", "--silent", script]);
      if (c === 0) passed++;
      else {
        failed++;
        failures.push(`npm run ${script} (${name} failed)`);
      }
      code ||= c;
    }
  }

  if (only === undefined || only === "unit") {
    const c = run(process.execPath, [path.join(ROOT, "node_modules/vitest/vitest.mjs"), "run", "--reporter=default", "--reporter=json", "--outputFile=test-results/vitest.json"]);
    const r = readJson<VitestReport>("test-results/vitest.json");
    passed += r?.numPassedTests ?? 0;
    for (const f of r?.testResults ?? []) for (const a of f.assertionResults) if (a.status === "failed") failures.push(`${path.relative(ROOT, f.name)} > ${a.fullName}`);
    failed += r?.numFailedTests ?? 0;
    // A run that failed with no failed test to show for it (a set-up error, a crash, no report) is a failure too.
    if (c !== 0 && !(r?.numFailedTests)) {
      failed++;
      failures.push(`vitest exited with ${c}${r ? "" : " and wrote no report"} (see its output above)`);
    }
    code ||= c;
  }
  if (only === undefined || only === "e2e") {
    const c = run(process.execPath, [path.join(ROOT, "node_modules/@playwright/test/cli.js"), "test"], { ...process.env, CHROMIUM_PATH: CHROMIUM });
    const r = readJson<PlaywrightReport>("test-results/e2e.json");
    passed += (r?.stats.expected ?? 0) + (r?.stats.flaky ?? 0);
    collectPlaywrightFailures(r?.suites ?? [], failures);
    failed += r?.stats.unexpected ?? 0;
    // e.g. the hub under test did not start (its port taken, its build failed): no test ran, and that is a failure.
    if (c !== 0 && !(r?.stats.unexpected)) {
      failed++;
      failures.push(`playwright exited with ${c}${r ? "" : " and wrote no report"}: the end-to-end tests did not run (see its output above)`);
    }
    code ||= c;
  }
  // Named again at the very end: CI keeps only the tail of a long log.
  if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  return code || (failed ? 1 : 0);
}

try {
  process.exit(main());
} catch (e) {
  console.error(`[test] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
