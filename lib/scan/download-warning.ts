// The sentence the web UI shows before downloading a file the pickle scan flagged.
import type { FileScan } from "./scan-status";

export function downloadWarning(scan: FileScan | undefined): string | null {
  if (!scan) return null;
  const risky = scan.imports.filter((i) => i.safety !== "safe").map((i) => `${i.module}.${i.name}`);
  if (scan.status === "dangerous") return `This file imports ${risky.slice(0, 5).join(", ") || "code computed at load time"}. Unpickling it (torch.load without weights_only, pickle.load) can run commands on your machine.`;
  if (scan.status === "suspicious") return `This file imports ${risky.slice(0, 5).join(", ")}, which are not plain tensor data. Unpickling it runs their constructors; load it only if you trust the author.`;
  if (scan.status === "unscannable") return `This file could not be checked to its end (${scan.error ?? "unknown reason"}). Treat it as unsafe: loading it may run code.`;
  return null;
}
