// Scan verdicts for listed files, for pages and the API's securityFileStatus.
// Old verdicts ("error") read as "unscannable": both mean nobody can vouch for the file.
import { db } from "../db/client";
import type { ScannedImport, ScanVerdict } from "./scan-pickle-file";

export type ScanStatus = ScanVerdict | "queued";
export type FileScan = { status: ScanStatus; imports: ScannedImport[]; findings: string[]; error?: string };

export async function scansFor(files: { sha256: string }[]): Promise<Map<string, FileScan>> {
  const shas = [...new Set(files.map((f) => f.sha256))];
  if (!shas.length) return new Map();
  const rows = await db().blob.findMany({ where: { sha256: { in: shas }, scanStatus: { not: null } }, select: { sha256: true, scanStatus: true, scan: true } });
  return new Map(
    rows.map((r) => {
      const s = (r.scan ?? {}) as Partial<FileScan>;
      const status = (r.scanStatus === "error" ? "unscannable" : r.scanStatus) as ScanStatus;
      return [r.sha256, { status, imports: s.imports ?? [], findings: s.findings ?? [], error: s.error }];
    }),
  );
}

const HF_SAFETY = { safe: "innocuous", suspicious: "suspicious", dangerous: "dangerous" } as const;
const HF_STATUS: Record<ScanStatus, string> = { queued: "queued", none: "safe", safe: "safe", suspicious: "caution", dangerous: "unsafe", unscannable: "unsafe" };

/** The HF `securityFileStatus` shape (hub-api.md §2.6). Modelhub runs no antivirus: avScan is null. */
export function securityFileStatus(scan: FileScan | undefined) {
  if (!scan) return { status: "unscanned", avScan: null, pickleImportScan: null };
  const withImports = scan.status === "safe" || scan.status === "suspicious" || scan.status === "dangerous" || (scan.status === "unscannable" && scan.imports.length > 0);
  return {
    status: HF_STATUS[scan.status],
    avScan: null,
    pickleImportScan: withImports
      ? { highestSafetyLevel: scan.status === "unscannable" ? "dangerous" : HF_SAFETY[scan.status as keyof typeof HF_SAFETY], imports: scan.imports.map((i) => ({ module: i.module, name: i.name, safety: HF_SAFETY[i.safety] })) }
      : null,
    ...(scan.error ? { message: scan.error } : {}),
  };
}

/**
 * The HF `securityRepoStatus` of a revision (model_info(securityStatus=True)): whether every
 * scan it needs has run, and each file whose scan found something or could not vouch for it.
 */
export async function securityRepoStatus(files: { path: string; sha256: string }[]) {
  const scans = await scansFor(files);
  const filesWithIssues = files.flatMap((f) => {
    const scan = scans.get(f.sha256);
    if (!scan || scan.status === "queued" || scan.status === "none" || scan.status === "safe") return [];
    return [{ path: f.path, level: HF_STATUS[scan.status], ...securityFileStatus(scan) }];
  });
  return { scansDone: ![...scans.values()].some((s) => s.status === "queued"), filesWithIssues };
}
