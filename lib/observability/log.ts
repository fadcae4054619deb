// The hub's structured log: one JSON object per line on stdout (pino), pretty only
// under `npm run dev`. Callers pass explicit fields; the redaction (./redact.ts) is a
// second line of defence, so a stray header, password or email never reaches a log.
import { format } from "node:util";
import pino, { type DestinationStream, type Logger } from "pino";
import { redactSecrets } from "./redact";

const LEVELS = new Set(["trace", "debug", "info", "warn", "error", "fatal", "silent"]);

function makeLogger(destination?: DestinationStream, levelWanted?: string): Logger {
  const raw = levelWanted ?? process.env.LOG_LEVEL ?? "info";
  const level = LEVELS.has(raw) ? raw : "info";
  const base = { formatters: { log: redactSecrets }, base: { pid: process.pid }, level };
  if (destination) return pino(base, destination);
  if (process.env.MODELHUB_LOG_PRETTY === "1") {
    return pino({ ...base, transport: { target: "pino-pretty", options: { colorize: true, translateTime: "HH:MM:ss.l", ignore: "pid" } } });
  }
  return pino(base);
}

const globalForLog = globalThis as unknown as { modelhubLog?: Logger };

/** The process's logger (one per process, shared by Next's bundles and the hub server). */
export function log(): Logger {
  globalForLog.modelhubLog ??= makeLogger();
  return globalForLog.modelhubLog;
}

// Terminal colours and the status glyphs libraries put before their messages.
const DECORATION = /\u001b\[[0-9;]*m|^[\s✓⚠○●▲✗⨯]+/gu;

/**
 * Routes console output (Next.js's start-up lines, TF.js's notices) into the log, so
 * stdout carries nothing but JSON records.
 */
export function captureConsole(): void {
  const to = (level: "debug" | "info" | "warn" | "error") => (...args: unknown[]) => {
    const text = format(...args).replace(DECORATION, "").trim();
    if (text) log()[level]({ source: "console" }, text);
  };
  Object.assign(console, { log: to("info"), info: to("info"), debug: to("debug"), warn: to("warn"), error: to("error") });
}

/** Sends the process's log to `destination` from now on (tests read what the hub logs). */
export function logTo(destination: DestinationStream, level?: string): void {
  globalForLog.modelhubLog = makeLogger(destination, level);
}

/** An error as loggable fields: its message and stack, never its enumerable payload (it may hold secrets). */
export function errorFields(e: unknown): { err: { type: string; message: string; stack?: string } } {
  if (e instanceof Error) return { err: { type: e.name, message: e.message, stack: e.stack } };
  return { err: { type: typeof e, message: String(e) } };
}
