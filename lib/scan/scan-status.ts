// Scan verdicts for listed files, for pages and the API's securityFileStatus.
import { db } from "../db/client";
import { isPicklePath } from "./queue-scans";
import type { ScannedImport } from "./scan-pickle-file";

export type ScanStatus = "queued" | "none" | "safe" | "suspicious" | "dangerous" | "error";
export type FileScan = { status: ScanStatus; imports: ScannedImport[]; findings: string[]; error?: string };

export async function scansFor(files: { path: string; sha256: string }[]): Promise<Map<string, FileScan>> {
  const shas = [...new Set(files.filter((f) => isPicklePath(f.path)).map((f) => f.sha256))];
  if (!shas.length) return new Map();
  const rows = await db().blob.findMany({ where: { sha256: { in: shas }, scanStatus: { not: null } }, select: { sha256: true, scanStatus: true, scan: true } });
  return new Map(
    rows.map((r) => {
      const s = (r.scan ?? {}) as Partial<FileScan>;
      return [r.sha256, { status: r.scanStatus as ScanStatus, imports: s.imports ?? [], findings: s.findings ?? [], error: s.error }];
    }),
  );
}

/** Files whose download the web UI confirms first. */
export const needsConfirmation = (s: FileScan | undefined) => s?.status === "dangerous" || s?.status === "suspicious" || s?.status === "error";

const HF_SAFETY = { safe: "innocuous", suspicious: "suspicious", dangerous: "dangerous" } as const;

/** The HF `securityFileStatus` shape (hub-api.md §2.6). Modelhub runs no antivirus: avScan is null. */
export function securityFileStatus(scan: FileScan | undefined) {
  if (!scan) return { status: "unscanned", avScan: null, pickleImportScan: null };
  const status = { queued: "queued", none: "safe", safe: "safe", suspicious: "caution", dangerous: "unsafe", error: "error" }[scan.status];
  return {
    status,
    avScan: null,
    pickleImportScan:
      scan.status === "queued" || scan.status === "error" || scan.status === "none"
        ? null
        : { highestSafetyLevel: HF_SAFETY[scan.status], imports: scan.imports.map((i) => ({ module: i.module, name: i.name, safety: HF_SAFETY[i.safety] })) },
    ...(scan.error ? { message: scan.error } : {}),
  };
}
