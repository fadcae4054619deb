// Scans a stored file for pickles by what it holds, never by its name: a plain
// pickle or a sequence of them (legacy torch.save), zip archives (torch, .pt2,
// .npz) and tar archives (legacy torch) member by member, gzip and zlib streams
// (joblib), and .npy arrays of Python objects. Every pickle in a sequence is read,
// not just the first. What cannot be walked to its end fails closed: "unscannable".
import zlib from "node:zlib";
import { PassThrough, type Readable } from "node:stream";
import tar from "tar-stream";
import yauzl from "yauzl";
import { blobStore } from "../storage";
import { ByteReader } from "./byte-reader";
import { classifyGlobal, type Safety } from "./classify-imports";
import { PickleError, walkPickle, type PickleGlobal } from "./pickle-imports";

export type ScannedImport = { module: string; name: string; safety: Safety };
export type ScanVerdict = Safety | "unscannable" | "none";
export type PickleScan = {
  /** "none": no pickle data (safetensors, raw weight shards, text): nothing in it can be imported or run. */
  status: ScanVerdict;
  imports: ScannedImport[];
  findings: string[];
  /** Where pickles were found: "" for the file itself, member names inside archives. */
  pickles: string[];
  error?: string;
};

const RANK: Record<ScanVerdict, number> = { none: -1, safe: 0, suspicious: 1, unscannable: 2, dangerous: 3 };
const MAX_ENTRIES = 100_000;
const MAX_MEMBER_BYTES = 64 * 1024 ** 3;
const MAX_NESTED_ZIP = 256 * 1024 * 1024;
const MAX_DEPTH = 3;
// Zip and tar members are walked as pickles when their name says so or they open with PROTO; raw
// tensor storages (torch's data/0...) are neither, and are never unpickled by any loader.
const PICKLE_NAME = /\.(pkl|pickle|p|pt|pth|bin|ckpt|joblib|dill|pt2)$|(^|\/)(data|constants|sys_info|pickle|storages|tensors)$/i;

class Report {
  status: ScanVerdict = "none";
  readonly imports = new Map<string, ScannedImport>();
  readonly findings: string[] = [];
  readonly pickles: string[] = [];
  error?: string;
  budget = { opcodes: 200_000_000 };

  raise(v: ScanVerdict) {
    if (RANK[v] > RANK[this.status]) this.status = v;
  }
  add(where: string, globals: PickleGlobal[], findings: string[]) {
    this.raise("safe");
    for (const g of globals) {
      const safety = classifyGlobal(g.module, g.name, g.proto);
      this.raise(safety);
      this.imports.set(`${g.module}.${g.name}`, { module: g.module, name: g.name, safety });
    }
    for (const f of findings) this.findings.push(where ? `${where}: ${f}` : f);
    if (findings.length) this.raise("dangerous"); // an import nobody can name is the worst case
  }
  unscannable(where: string, why: string) {
    this.raise("unscannable");
    const message = where ? `${where}: ${why}` : why;
    this.findings.push(message);
    this.error ??= message;
  }
  result(): PickleScan {
    const imports = [...this.imports.values()].sort((a, b) => `${a.module}.${a.name}`.localeCompare(`${b.module}.${b.name}`));
    return { status: this.status, imports, findings: this.findings, pickles: this.pickles, ...(this.error ? { error: this.error } : {}) };
  }
}

export async function scanPickleFile(file: { sha256: string; size: number }): Promise<PickleScan> {
  const report = new Report();
  const head = file.size ? await firstBytes(await blobStore().read(file.sha256, { start: 0, end: Math.min(file.size, 512) - 1 })) : Buffer.alloc(0);
  if (isZip(head)) await scanZip(report, "", await openBlobZip(file), 0);
  else await scanStream(report, "", await blobStore().read(file.sha256), 0, true);
  return report.result();
}

async function firstBytes(s: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

const isZip = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;
const isGzip = (b: Buffer) => b.length >= 3 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 8;
// zlib as joblib writes it (deflate, 32 KiB window): 0x78 and a valid check byte. 'x' is no pickle opcode.
const isZlib = (b: Buffer) => b.length >= 2 && b[0] === 0x78 && ((b[0]! << 8) | b[1]!) % 31 === 0;
const isBz2 = (b: Buffer) => b.length >= 10 && b.subarray(0, 3).toString("latin1") === "BZh" && b[3]! >= 0x31 && b[3]! <= 0x39 && b.subarray(4, 10).equals(Buffer.from([0x31, 0x41, 0x59, 0x26, 0x53, 0x59]));
const isXz = (b: Buffer) => b.length >= 6 && b.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]));
const isNpy = (b: Buffer) => b.length >= 6 && b.subarray(0, 6).equals(Buffer.from("\x93NUMPY", "latin1"));
const isTar = (b: Buffer) => b.length >= 262 && b.subarray(257, 262).toString("latin1") === "ustar";
const opensLikePickle = (b: Buffer) => b.length >= 2 && b[0] === 0x80 && b[1]! <= 5;

/** Whatever a stream holds: an archive, compressed data, an array file, or pickles. */
async function scanStream(report: Report, where: string, stream: Readable, depth: number, walkAnything: boolean): Promise<void> {
  const r = ByteReader.from(stream);
  try {
    const head = await r.peekBytes(512);
    if (depth > MAX_DEPTH && (isZip(head) || isTar(head) || isGzip(head) || isZlib(head))) return report.unscannable(where, `archives nested deeper than ${MAX_DEPTH}`);
    if (isZip(head)) {
      const bytes = await r.readAll(MAX_NESTED_ZIP);
      if (!bytes) return report.unscannable(where, "a zip archive inside an archive, larger than 256 MiB");
      return await scanZip(report, where, await zipFromBuffer(bytes), depth + 1);
    }
    if (isTar(head)) return await scanTar(report, where, r.stream(), depth + 1);
    if (isGzip(head) || isZlib(head)) {
      // A loader unpickles as it decompresses: corrupt data ends the pickle where it stops inflating.
      const inflate = isGzip(head) ? zlib.createGunzip() : zlib.createInflate();
      return await scanStream(report, `${where}${where ? " " : ""}(${isGzip(head) ? "gzip" : "zlib"})`, endsOnError(r.stream().pipe(inflate)), depth + 1, true);
    }
    if (isBz2(head) || isXz(head)) return report.unscannable(where, `compressed with ${isBz2(head) ? "bzip2" : "xz"}, which the scanner cannot read: treat it as unsafe`);
    if (isNpy(head)) return await scanNpy(report, where, r);
    if (walkAnything || opensLikePickle(head)) await walkSequence(report, where, r);
  } finally {
    stream.destroy();
  }
}

/** The stream's data up to where it fails: an error ends it instead of being thrown at the reader. */
function endsOnError(s: Readable): Readable {
  const out = new PassThrough();
  s.on("error", () => out.end());
  s.pipe(out);
  out.on("close", () => s.destroy());
  return out;
}

/**
 * Every pickle in a row, as loaders read them (pickle.load repeatedly; torch's legacy
 * format reads five). A walk that fails before importing anything is not a pickle
 * (unpickling it would raise before running anything): the sequence ends there.
 */
async function walkSequence(report: Report, where: string, r: ByteReader): Promise<void> {
  for (let index = 0; !(await r.atEnd()); index++) {
    try {
      const walk = await walkPickle(r, report.budget);
      report.pickles.push(index ? `${where}#${index + 1}` : where);
      report.add(where, walk.globals, walk.findings);
    } catch (e) {
      if (!(e instanceof PickleError)) throw e;
      if (e.kind === "limit") {
        report.add(where, e.partial, e.partialFindings);
        return report.unscannable(where, e.message);
      }
      if (!e.partial.length && !e.partialFindings.length) return; // not (or no longer) pickle data
      // imports ran before the unpickler would fail: they count, and the rest cannot be known
      report.pickles.push(index ? `${where}#${index + 1}` : where);
      report.add(where, e.partial, e.partialFindings);
      return report.unscannable(where, e.message);
    }
  }
}

/** .npy: a pickle follows the header only when the array holds Python objects (dtype 'O'). */
async function scanNpy(report: Report, where: string, r: ByteReader): Promise<void> {
  const fixed = await r.take(10);
  if (!fixed) return;
  const major = fixed[6]!;
  const lenBytes = major === 1 ? fixed.subarray(8, 10) : Buffer.concat([fixed.subarray(8, 10), (await r.take(2)) ?? Buffer.alloc(2)]);
  const headerLength = major === 1 ? lenBytes.readUInt16LE(0) : lenBytes.readUInt32LE(0);
  if (headerLength > 1024 * 1024) return report.unscannable(where, "an .npy header larger than 1 MiB");
  const header = (await r.take(headerLength))?.toString("latin1");
  if (header === undefined) return report.unscannable(where, "an .npy header that ends early");
  const descr = /['"]descr['"]\s*:\s*(.*?)\s*,\s*['"](fortran_order|shape)['"]/s.exec(header)?.[1];
  if (descr === undefined) return report.unscannable(where, "an .npy header without a readable dtype");
  // any object field (|O, O8, a structured dtype with an 'O' member) means numpy unpickles what follows
  if (/['"][|<>=]?O\d*['"]/.test(descr)) await walkSequence(report, where, r);
}

class ArchiveRefused extends Error {}

class BlobRangeReader extends yauzl.RandomAccessReader {
  constructor(private readonly sha256: string) {
    super();
  }
  _readStreamForRange(start: number, end: number): Readable {
    const out = new PassThrough();
    if (end <= start) {
      out.end();
      return out;
    }
    blobStore()
      .read(this.sha256, { start, end: end - 1 })
      .then((s) => s.on("error", (e) => out.destroy(e)).pipe(out), (e) => out.destroy(e));
    return out;
  }
}

const openZip = (open: (cb: (err: Error | null, z?: yauzl.ZipFile) => void) => void) =>
  new Promise<yauzl.ZipFile>((resolve, reject) => open((err, z) => (err ? reject(new ArchiveRefused(`cannot read zip: ${err.message}`)) : resolve(z!))));

const openBlobZip = (file: { sha256: string; size: number }) =>
  openZip((cb) => yauzl.fromRandomAccessReader(new BlobRangeReader(file.sha256), file.size, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, cb)).catch((e) => e as Error);

const zipFromBuffer = (b: Buffer) => openZip((cb) => yauzl.fromBuffer(b, { lazyEntries: true, validateEntrySizes: true }, cb)).catch((e) => e as Error);

async function scanZip(report: Report, where: string, zip: yauzl.ZipFile | Error, depth: number): Promise<void> {
  if (zip instanceof Error) return report.unscannable(where, zip.message);
  const prefix = where ? `${where}/` : "";
  try {
    if (zip.entryCount > MAX_ENTRIES) return report.unscannable(where, `a zip with ${zip.entryCount} entries (limit ${MAX_ENTRIES})`);
    await new Promise<void>((resolve, reject) => {
      zip.on("error", (e) => reject(new ArchiveRefused(`cannot read zip: ${e.message}`)));
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (name.endsWith("/")) return zip.readEntry();
        if (entry.uncompressedSize > MAX_MEMBER_BYTES) return reject(new ArchiveRefused(`zip member ${name} declares ${entry.uncompressedSize} bytes`));
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(new ArchiveRefused(`cannot read zip member ${name}: ${err.message}`));
          scanStream(report, `${prefix}${name}`, stream!, depth, PICKLE_NAME.test(name)).then(() => zip.readEntry(), reject);
        });
      });
      zip.readEntry();
    });
  } catch (e) {
    if (e instanceof ArchiveRefused) return report.unscannable(where, e.message);
    throw e;
  } finally {
    zip.close();
  }
}

async function scanTar(report: Report, where: string, stream: Readable, depth: number): Promise<void> {
  const prefix = where ? `${where}/` : "";
  const extract = tar.extract();
  let entries = 0;
  let refused: string | null = null;
  extract.on("entry", (header, member, next) => {
    if (++entries > MAX_ENTRIES) {
      refused = `a tar with over ${MAX_ENTRIES} entries`;
      extract.destroy();
      return;
    }
    // scanStream destroys the member when done with it; tar-stream then moves on to the next one.
    const walk = header.type === "file" ? scanStream(report, `${prefix}${header.name}`, member as unknown as Readable, depth, PICKLE_NAME.test(header.name)) : Promise.resolve(member.destroy());
    walk.then(() => next(), (e) => extract.destroy(e));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      extract.on("finish", resolve);
      extract.on("close", resolve);
      extract.on("error", reject);
      stream.on("error", reject);
      stream.pipe(extract);
    });
  } catch (e) {
    return report.unscannable(where, `cannot read tar: ${(e as Error).message}`);
  }
  if (refused) report.unscannable(where, refused);
}

