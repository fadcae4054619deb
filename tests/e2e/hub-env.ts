// Where the end-to-end hub runs: shared by playwright.config.ts and specs that
// need to reach its data folder (hubctl runs against the same database).
import os from "node:os";
import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), "modelhub-e2e");
export const E2E_URL = `http://localhost:${E2E_PORT}`;
