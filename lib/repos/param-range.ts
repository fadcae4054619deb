// Parameter-count filters: the API's `num_parameters=min:1B,max:10B` and the
// catalogue's size buckets. Bounds are inclusive min, exclusive max.
import { badRequest } from "../errors";

export type ParamRange = { min?: number; max?: number };

const UNITS: Record<string, number> = { "": 1, K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

export function parseParamCount(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)([KMBT]?)$/i.exec(s.trim());
  if (!m) return null;
  const n = Number(m[1]) * UNITS[m[2]!.toUpperCase()]!;
  return Number.isFinite(n) && n <= 1e15 ? Math.round(n) : null;
}

/** `min:1B,max:10B`, either side optional. */
export function parseNumParameters(v: string | null): ParamRange | undefined {
  if (v === null || v === "") return undefined;
  const out: ParamRange = {};
  for (const part of v.split(",")) {
    const [key, value] = part.split(":");
    const n = value === undefined ? null : parseParamCount(value);
    if ((key !== "min" && key !== "max") || n === null) throw badRequest(`num_parameters must look like min:1B,max:10B (got ${JSON.stringify(v.slice(0, 50))})`);
    out[key] = n;
  }
  if (out.min !== undefined && out.max !== undefined && out.min > out.max) throw badRequest("num_parameters: min is larger than max");
  return out;
}

export const PARAM_BUCKETS: { id: string; label: string; range: ParamRange }[] = [
  { id: "lt1m", label: "< 1M", range: { max: 1e6 } },
  { id: "1m-100m", label: "1M – 100M", range: { min: 1e6, max: 1e8 } },
  { id: "100m-1b", label: "100M – 1B", range: { min: 1e8, max: 1e9 } },
  { id: "1b-10b", label: "1B – 10B", range: { min: 1e9, max: 1e10 } },
  { id: "gt10b", label: "> 10B", range: { min: 1e10 } },
];
