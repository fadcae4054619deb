// End-to-end tests in Debian's Chromium against the hub started exactly as
// `npm start` starts it, on its own port and a fresh data folder.
import { defineConfig, devices } from "@playwright/test";
import { E2E_DATA_DIR as DATA, E2E_PORT as PORT } from "./tests/e2e/hub-env";

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
    },
  },
  // every spec on a desktop window; the main pages again on a phone-sized screen (phone.spec.ts)
  projects: [
    { name: "desktop", testIgnore: /phone\.spec\.ts$/ },
    { name: "phone", testMatch: /phone\.spec\.ts$/, use: { ...devices["Pixel 5"], browserName: "chromium" } },
  ],
  webServer: {
    command: `rm -rf "${DATA}" && node --import tsx scripts/hub.ts start`,
    url: `http://localhost:${PORT}/models`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { PORT: String(PORT), MODELHUB_DATA_DIR: DATA },
  },
});
