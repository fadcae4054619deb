// Whether an object is in one of the cache's packs, read from the packs' index files
// (version 2: a fan-out table, then the sorted object ids), so that objects a repack
// moved out of the loose folder are not written again. Index files never change once
// written; each is read once and kept while it exists.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

type Index = { key: string; ids: Buffer; fanout: Uint32Array };
const indexes = new Map<string, Index>();

function loadIndex(file: string): Index | null {
  let key: string;
  try {
    const st = statSync(file);
    key = `${st.size}:${st.mtimeMs}`;
  } catch {
    indexes.delete(file);
    return null;
  }
  const hit = indexes.get(file);
  if (hit?.key === key) return hit;
  const buf = readFileSync(file);
  // "\377tOc", version 2
  if (buf.length < 8 + 1024 || buf.readUInt32BE(0) !== 0xff744f63 || buf.readUInt32BE(4) !== 2) return null;
  const fanout = new Uint32Array(256);
  for (let i = 0; i < 256; i++) fanout[i] = buf.readUInt32BE(8 + i * 4);
  const count = fanout[255]!;
  const ids = buf.subarray(8 + 1024, 8 + 1024 + count * 20);
  if (ids.length !== count * 20) return null;
  const index = { key, ids, fanout };
  indexes.set(file, index);
  return index;
}

function contains(index: Index, oid: Buffer): boolean {
  const first = oid[0]!;
  let lo = first === 0 ? 0 : index.fanout[first - 1]!;
  let hi = index.fanout[first]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = index.ids.compare(oid, 0, 20, mid * 20, mid * 20 + 20);
    if (c === 0) return true;
    if (c > 0) hi = mid;
    else lo = mid + 1;
  }
  return false;
}

export function inPack(objects: string, oid: string): boolean {
  let names: string[];
  try {
    names = readdirSync(path.join(objects, "pack"));
  } catch {
    return false;
  }
  const id = Buffer.from(oid, "hex");
  for (const name of names) {
    if (!name.endsWith(".idx")) continue;
    const index = loadIndex(path.join(objects, "pack", name));
    if (index && contains(index, id)) return true;
  }
  return false;
}
