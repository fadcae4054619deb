// The scan-blob job: scan one stored content for pickles and record the verdict on
// its Blob row. A scan that keeps failing (the store unreachable, say) ends as
// "unscannable" on its last attempt rather than "queued" for ever.
import { db } from "../db/client";
import { scanPickleFile, type PickleScan } from "./scan-pickle-file";

/** Bumped when verdicts change meaning: contents scanned by an older scanner are scanned again. */
export const SCANNER_VERSION = 2;

export async function runBlobScan(sha256: string, attempt = 1, maxAttempts = 1): Promise<void> {
  const blob = await db().blob.findUnique({ where: { sha256 }, select: { size: true } });
  if (!blob) return; // content deleted since: nothing to scan
  let scan: PickleScan;
  try {
    scan = await scanPickleFile({ sha256, size: Number(blob.size) });
  } catch (e) {
    if (attempt < maxAttempts) throw e;
    scan = { status: "unscannable", imports: [], findings: [], pickles: [], error: `the scan failed: ${(e as Error).message}` };
  }
  await db().blob.update({
    where: { sha256 },
    data: { scanStatus: scan.status, scan: { ...scan, version: SCANNER_VERSION, scannedAt: new Date().toISOString() } },
  });
}
