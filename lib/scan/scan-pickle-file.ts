// Scans a stored file for pickles: a plain pickle (or the pickle sequence of a
// legacy torch.save file), or every .pkl member of a zip-format checkpoint.
// Zip members are read through yauzl over range reads of the blob store.
import { PassThrough, type Readable } from "node:stream";
import yauzl from "yauzl";
import { blobStore, readBlobRange } from "../storage";
import { ByteReader } from "./byte-reader";
import { classifyGlobal, worst, type Safety } from "./classify-imports";
import { PickleError, walkPickle, type PickleGlobal } from "./pickle-imports";

export type ScannedImport = PickleGlobal & { safety: Safety };
export type PickleScan = {
  /** "none": no pickle data (e.g. raw weight shards named .bin): nothing in it can be imported or run. */
  status: Safety | "error" | "none";
  imports: ScannedImport[];
  findings: string[];
  pickles: string[]; // where pickles were found: "" for the file itself, member names for zips
  error?: string;
};

const MAX_ZIP_ENTRIES = 100_000;
const MAX_MEMBER_BYTES = 4 * 1024 ** 3;
const MAX_PICKLES_IN_SEQUENCE = 8;

export async function scanPickleFile(file: { sha256: string; size: number }): Promise<PickleScan> {
  const found = new Map<string, ScannedImport>();
  const findings: string[] = [];
  const pickles: string[] = [];
  let status: Safety = "safe";
  const note = (where: string, globals: PickleGlobal[], notes: string[]) => {
    pickles.push(where);
    for (const g of globals) {
      const safety = classifyGlobal(g.module, g.name);
      status = worst(status, safety);
      found.set(`${g.module}.${g.name}`, { ...g, safety });
    }
    for (const f of notes) findings.push(where ? `${where}: ${f}` : f);
    if (notes.length) status = "dangerous";
  };
  const result = (extra: Partial<PickleScan> = {}): PickleScan => ({
    status, imports: [...found.values()].sort((a, b) => `${a.module}.${a.name}`.localeCompare(`${b.module}.${b.name}`)), findings, pickles, ...extra,
  });
  try {
    const magic = file.size >= 4 ? await readBlobRange(file.sha256, 0, 3) : Buffer.alloc(0);
    if (magic.equals(Buffer.from("PK\x03\x04", "latin1"))) {
      await scanZip(file, async (name, stream) => {
        const seq = await scanSequence(ByteReader.from(stream), true);
        note(name, seq.globals, seq.notes);
      });
      if (!pickles.length) return result({ status: "none" });
    } else {
      const seq = await scanSequence(ByteReader.from(await blobStore().read(file.sha256)), false);
      if (!seq.pickles) return result({ status: "none" });
      note("", seq.globals, seq.notes);
    }
    return result();
  } catch (e) {
    if (e instanceof PickleError) {
      // What was imported before the failure still counts; a failure after only safe imports is an error.
      note("", e.partial, e.partialFindings);
      return result({ status: status === "safe" ? "error" : status, error: e.message });
    }
    if (e instanceof ZipRefused) return result({ status: "error", error: e.message });
    throw e;
  }
}

/**
 * Walks the pickles at the start of a stream. A parse failure before anything
 * was imported means no pickle is there (unpickling would fail before running
 * anything): the walk ends quietly. A failure after imports is reported.
 * `strict` (zip members named .pkl) reports every failure.
 */
async function scanSequence(r: ByteReader, strict: boolean): Promise<{ globals: PickleGlobal[]; notes: string[]; pickles: number }> {
  const globals: PickleGlobal[] = [];
  const notes: string[] = [];
  let pickles = 0;
  for (let n = 0; n < MAX_PICKLES_IN_SEQUENCE; n++) {
    try {
      const walk = await walkPickle(r);
      globals.push(...walk.globals);
      notes.push(...walk.findings);
      pickles++;
    } catch (e) {
      if (!(e instanceof PickleError)) throw e;
      if (strict || e.partial.length || e.partialFindings.length) {
        e.partial = [...globals, ...e.partial];
        throw e;
      }
      break;
    }
    // legacy torch.save: several protocol-2 pickles back to back, then raw storage bytes
    if ((await r.peek()) !== 0x80) break;
  }
  return { globals, notes, pickles };
}

class ZipRefused extends Error {}

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

async function scanZip(file: { sha256: string; size: number }, onPickle: (name: string, stream: Readable) => Promise<void>): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromRandomAccessReader(new BlobRangeReader(file.sha256), file.size, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, z) =>
      err ? reject(new ZipRefused(`cannot read zip: ${err.message}`)) : resolve(z!),
    ),
  );
  try {
    if (zip.entryCount > MAX_ZIP_ENTRIES) throw new ZipRefused(`zip has ${zip.entryCount} entries (limit ${MAX_ZIP_ENTRIES})`);
    await new Promise<void>((resolve, reject) => {
      zip.on("error", (e) => reject(e instanceof ZipRefused ? e : new ZipRefused(`cannot read zip: ${e.message}`)));
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (!/(^|\/)[^/]*\.pkl$/.test(name)) return zip.readEntry();
        if (entry.uncompressedSize > MAX_MEMBER_BYTES) return reject(new ZipRefused(`zip member ${name} declares ${entry.uncompressedSize} bytes (limit 4 GiB)`));
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(new ZipRefused(`cannot read zip member ${name}: ${err.message}`));
          onPickle(name, stream!)
            .then(() => {
              stream!.destroy();
              zip.readEntry();
            })
            .catch((e) => {
              stream!.destroy();
              reject(e instanceof PickleError ? new PickleError(`${name}: ${e.message}`) : e);
            });
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
