// Tensor-level diff between two sets of safetensors files (a revision's, or a
// base model's): tensors are matched by folder + name, so a re-sharded
// checkpoint still lines up. Identical blobs are never read; otherwise
// per-tensor digests decide, and changed tensors are compared byte by byte.
import { createHash } from "node:crypto";
import { compareTensorBytes } from "./compare-tensor-bytes";
import { safetensorsInfo, tensorDigests } from "./tensor-digests";

export type WeightFile = { path: string; sha256: string; size: number };
export type TensorStatus = "added" | "removed" | "reshaped" | "changed" | "unchanged";
export type TensorChange = {
  name: string;
  status: TensorStatus;
  dtype: string;
  shape: number[];
  fromDtype?: string;
  fromShape?: number[];
  bytes: number;
  changedFraction?: number;
  relativeL2?: number | null;
};
export type TensorDiffResult = {
  counts: Record<TensorStatus, number>;
  changedBytes: number;
  totalBytes: number;
  tensors: TensorChange[]; // everything but unchanged, then unchanged
  problems: string[];
};

/** Cache key of a set: its files' folders and contents, order-independent. */
export function weightSetKey(files: WeightFile[]): string {
  const items = files.map((f) => `${dirOf(f.path)}\0${f.sha256}`).sort();
  return createHash("sha256").update(items.join("\n")).digest("hex");
}

const dirOf = (p: string) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "");

type Located = { key: string; file: WeightFile; dtype: string; shape: number[]; start: number; end: number; tensor: string };

async function locate(files: WeightFile[], problems: string[]) {
  const out = new Map<string, Located>();
  const infos = new Map<string, Awaited<ReturnType<typeof safetensorsInfo>>>();
  for (const file of files) {
    let info;
    try {
      info = await safetensorsInfo(file);
    } catch (e) {
      problems.push(`${file.path}: ${(e as Error).message}`);
      continue;
    }
    infos.set(file.sha256, info);
    const dataStart = 8 + info.headerBytes;
    for (const t of info.tensors) {
      let key = dirOf(file.path) ? `${dirOf(file.path)}/${t.name}` : t.name;
      if (out.has(key)) key = `${file.path}:${t.name}`; // two checkpoints in one folder
      out.set(key, { key, file, dtype: t.dtype, shape: t.shape, start: dataStart + t.offsets[0], end: dataStart + t.offsets[1], tensor: t.name });
    }
  }
  return { tensors: out, infos };
}

export async function diffWeightSets(from: WeightFile[], to: WeightFile[]): Promise<TensorDiffResult> {
  const problems: string[] = [];
  const a = await locate(from, problems);
  const b = await locate(to, problems);
  const digestCache = new Map<string, Record<string, string>>();
  const digest = async (l: Located, infos: typeof a.infos) => {
    let d = digestCache.get(l.file.sha256);
    if (!d) digestCache.set(l.file.sha256, (d = await tensorDigests(l.file, infos.get(l.file.sha256)!)));
    return d[l.tensor];
  };
  const counts: Record<TensorStatus, number> = { added: 0, removed: 0, reshaped: 0, changed: 0, unchanged: 0 };
  const tensors: TensorChange[] = [];
  let changedBytes = 0;
  let totalBytes = 0;
  const push = (c: TensorChange) => {
    counts[c.status]++;
    tensors.push(c);
  };
  for (const [key, y] of b.tensors) {
    const bytes = y.end - y.start;
    totalBytes += bytes;
    const x = a.tensors.get(key);
    if (!x) {
      changedBytes += bytes;
      push({ name: key, status: "added", dtype: y.dtype, shape: y.shape, bytes });
    } else if (x.dtype !== y.dtype || x.shape.join() !== y.shape.join()) {
      changedBytes += bytes;
      push({ name: key, status: "reshaped", dtype: y.dtype, shape: y.shape, fromDtype: x.dtype, fromShape: x.shape, bytes });
    } else if ((x.file.sha256 === y.file.sha256 && x.start === y.start) || (await digest(x, a.infos)) === (await digest(y, b.infos))) {
      push({ name: key, status: "unchanged", dtype: y.dtype, shape: y.shape, bytes });
    } else {
      const cmp = await compareTensorBytes({ sha256: x.file.sha256, start: x.start, end: x.end }, { sha256: y.file.sha256, start: y.start, end: y.end }, y.dtype);
      changedBytes += Math.round(cmp.changedFraction * bytes);
      push({ name: key, status: "changed", dtype: y.dtype, shape: y.shape, bytes, ...cmp });
    }
  }
  for (const [key, x] of a.tensors) {
    if (!b.tensors.has(key)) push({ name: key, status: "removed", dtype: x.dtype, shape: x.shape, bytes: x.end - x.start });
  }
  const order: Record<TensorStatus, number> = { changed: 0, reshaped: 1, added: 2, removed: 3, unchanged: 4 };
  tensors.sort((p, q) => order[p.status] - order[q.status] || p.name.localeCompare(q.name));
  return { counts, changedBytes, totalBytes, tensors, problems };
}
