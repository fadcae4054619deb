// The scan-blob job: scan one stored file's pickles and record the verdict on its Blob row.
import { db } from "../db/client";
import { scanPickleFile } from "./scan-pickle-file";

export async function runBlobScan(sha256: string): Promise<void> {
  const blob = await db().blob.findUnique({ where: { sha256 }, select: { size: true } });
  if (!blob) return; // content deleted since: nothing to scan
  const scan = await scanPickleFile({ sha256, size: Number(blob.size) });
  await db().blob.update({
    where: { sha256 },
    data: { scanStatus: scan.status, scan: { ...scan, scannedAt: new Date().toISOString() } },
  });
}
