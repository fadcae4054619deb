// Licenses a repo can declare: every SPDX id (from spdx-license-list) plus the
// model licenses in common use on model hubs. Ids are matched case-insensitively
// and kept in the lowercase form model cards use ("apache-2.0").
import spdx from "spdx-license-list";

export type LicenseInfo = { id: string; name: string; url?: string };

const MODEL_LICENSES: LicenseInfo[] = [
  { id: "openrail", name: "Open RAIL" },
  { id: "openrail++", name: "Open RAIL++-M" },
  { id: "bigscience-openrail-m", name: "BigScience OpenRAIL-M" },
  { id: "creativeml-openrail-m", name: "CreativeML OpenRAIL-M" },
  { id: "bigscience-bloom-rail-1.0", name: "BigScience BLOOM RAIL 1.0" },
  { id: "bigcode-openrail-m", name: "BigCode Open RAIL-M v1" },
  { id: "llama2", name: "Llama 2 Community License" },
  { id: "llama3", name: "Llama 3 Community License" },
  { id: "llama3.1", name: "Llama 3.1 Community License" },
  { id: "llama3.2", name: "Llama 3.2 Community License" },
  { id: "llama3.3", name: "Llama 3.3 Community License" },
  { id: "llama4", name: "Llama 4 Community License" },
  { id: "gemma", name: "Gemma Terms of Use" },
  { id: "apple-ascl", name: "Apple Sample Code License" },
  { id: "deepfloyd-if-license", name: "DeepFloyd IF License" },
  { id: "other", name: "Other (see the model card)" },
  { id: "unknown", name: "Unknown" },
];

const byId = new Map<string, LicenseInfo>();
for (const [id, info] of Object.entries(spdx as Record<string, { name: string; url: string }>)) {
  byId.set(id.toLowerCase(), { id: id.toLowerCase(), name: info.name, url: info.url });
}
for (const l of MODEL_LICENSES) byId.set(l.id, l);

export const POPULAR_LICENSES = [
  "apache-2.0", "mit", "cc-by-4.0", "cc-by-sa-4.0", "cc-by-nc-4.0", "bsd-3-clause", "openrail",
  "creativeml-openrail-m", "llama3.1", "gemma", "gpl-3.0", "other",
];

export function findLicense(id: string): LicenseInfo | undefined {
  return byId.get(id.trim().toLowerCase());
}

export function allLicenses(): LicenseInfo[] {
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
