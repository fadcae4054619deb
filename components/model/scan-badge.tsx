import type { FileScan } from "@/lib/scan/scan-status";

const LOOK: Record<Exclude<FileScan["status"], "none">, [string, string]> = {
  queued: ["scanning…", "bg-gray-100 text-gray-600"],
  safe: ["pickle: safe", "bg-green-50 text-green-800"],
  suspicious: ["pickle: suspicious", "bg-amber-100 text-amber-900"],
  dangerous: ["pickle: dangerous", "bg-red-100 text-red-800"],
  unscannable: ["pickle: unscannable", "bg-red-100 text-red-800"],
};

export function ScanBadge({ scan }: { scan: FileScan | undefined }) {
  if (!scan || scan.status === "none") return null;
  const [label, cls] = LOOK[scan.status];
  const title = scan.status === "unscannable" ? scan.error : scan.imports.filter((i) => i.safety !== "safe").map((i) => `${i.module}.${i.name}`).join(", ");
  return <span className={`ml-2 rounded px-1 text-xs ${cls}`} title={title || undefined} data-testid="scan-badge">{label}</span>;
}
