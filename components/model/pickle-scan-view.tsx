import type { FileScan } from "@/lib/scan/scan-status";

const TONE = { safe: "text-green-800", suspicious: "text-amber-800", dangerous: "text-red-700" } as const;
const SUMMARY: Record<FileScan["status"], string> = {
  queued: "Pickle scan queued: refresh in a moment.",
  none: "Pickle scan: no pickle data in this file, so nothing in it can run when it is loaded.",
  safe: "Pickle scan: only plain tensor and array globals are imported.",
  suspicious: "Pickle scan: imports globals beyond plain tensor data. Load it only if you trust the author.",
  dangerous: "Pickle scan: this file imports code that can run commands when it is unpickled.",
  unscannable: "Pickle scan: this file could not be checked to its end, so nobody can vouch for it. Treat it as unsafe.",
};

export function PickleScanView({ scan }: { scan: FileScan | undefined }) {
  if (!scan) return <p className="rounded-lg border border-gray-200 bg-white p-3 text-sm text-gray-600">This file has not been scanned (it was committed before scanning existed).</p>;
  const border = scan.status === "dangerous" || scan.status === "unscannable" ? "border-red-300 bg-red-50" : scan.status === "safe" || scan.status === "queued" || scan.status === "none" ? "border-gray-200 bg-white" : "border-amber-300 bg-amber-50";
  return (
    <section className={`space-y-2 rounded-lg border p-4 text-sm ${border}`} data-testid="pickle-scan">
      <p className="font-medium">{SUMMARY[scan.status]}</p>
      {scan.error && <p className="text-xs text-gray-700">{scan.error}</p>}
      {scan.findings.map((f) => <p key={f} className="text-xs text-red-700">⚠ {f}</p>)}
      {scan.imports.length > 0 && (
        <table className="text-xs">
          <thead className="text-left text-gray-500"><tr><th className="pr-6">import</th><th>safety</th></tr></thead>
          <tbody className="font-mono">
            {scan.imports.map((i) => (
              <tr key={`${i.module}.${i.name}`}><td className="pr-6">{i.module}.{i.name}</td><td className={TONE[i.safety]}>{i.safety}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
