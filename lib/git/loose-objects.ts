// Loose git objects (objects/ab/cdef…: zlib of "type size\0body"), written the way git
// writes them: to a temporary file beside the target, then renamed, so a reader never
// sees half an object and writers racing on the same object both succeed.
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import crypto from "node:crypto";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";

export type ObjectType = "blob" | "tree" | "commit" | "tag";

export const looseObjectPath = (objectsDir: string, oid: string) => path.join(objectsDir, oid.slice(0, 2), oid.slice(2));

export const hasLooseObject = (objectsDir: string, oid: string) => existsSync(looseObjectPath(objectsDir, oid));

const tempName = (target: string) => `${target}.tmp-${process.pid}-${crypto.randomBytes(4).toString("hex")}`;

/** Writes an object held in memory; its id must be `oid`. */
export async function writeLooseObject(objectsDir: string, type: ObjectType, body: Buffer, oid: string): Promise<void> {
  const header = Buffer.from(`${type} ${body.length}\0`);
  const actual = crypto.createHash("sha1").update(header).update(body).digest("hex");
  if (actual !== oid) throw new Error(`git ${type} ${oid} would be written with id ${actual}`);
  const target = looseObjectPath(objectsDir, oid);
  if (existsSync(target)) return;
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = tempName(target);
  await writeFile(tmp, zlib.deflateSync(Buffer.concat([header, body]), { level: 1 }));
  await rename(tmp, target);
}

/** Writes a blob streamed from the store (files too large to hold); its id must be `oid`. */
export async function writeLooseStream(objectsDir: string, size: number, source: Readable, oid: string): Promise<void> {
  const target = looseObjectPath(objectsDir, oid);
  if (existsSync(target)) return;
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = tempName(target);
  const hash = crypto.createHash("sha1");
  const header = Buffer.from(`blob ${size}\0`);
  let seen = 0; // header and body pass through the meter, which hashes them
  const meter = new Transform({
    transform(chunk: Buffer, _e, done) {
      seen += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.from((async function* () {
      yield header;
      yield* source;
    })()), meter, zlib.createDeflate({ level: 1 }), createWriteStream(tmp));
    const actual = hash.digest("hex");
    if (actual !== oid || seen !== size + header.length) throw new Error(`git blob ${oid} would be written with id ${actual}`);
    await rename(tmp, target);
  } finally {
    await rm(tmp, { force: true });
  }
}
