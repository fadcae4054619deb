// The sha256 (and git blob id) of a multipart upload's staging file, computed while
// its parts arrive: each part is hashed as soon as every part before it is stored,
// so completion only has to hash what is left instead of the whole file. Parts
// arrive in parallel and out of order, and a part may be sent again; whatever
// this process did not see (a restart, an evicted entry) is hashed at completion
// from the file, so the state here only ever saves time, never decides. Writes and
// completions are kept apart by staging-lock.ts; this only follows them.
import { createReadStream } from "node:fs";
import { blobDigests, foldBytes, storedBlobOf, type BlobDigests, type StoredBlob } from "../repos/blob-digests";

type Entry = {
  size: number;
  chunk: number;
  count: number;
  /** The next part to hash; parts before it are in `h`. */
  next: number;
  h: BlobDigests;
  stored: Set<number>;
  /** The part being read into `h`, 0 when none. */
  reading: number;
  chain: Promise<void>;
};

const MAX_ENTRIES = 1000; // uploads in progress on this process; an evicted one is hashed at completion
const entries = new Map<string, Entry>();

function entryFor(key: string, size: number, chunk: number): Entry {
  let e = entries.get(key);
  if (!e || e.size !== size) {
    e = { size, chunk, count: Math.max(1, Math.ceil(size / chunk)), next: 1, h: blobDigests(size), stored: new Set(), reading: 0, chain: Promise.resolve() };
    entries.set(key, e);
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  }
  return e;
}

/** Starts over from part 1: bytes already hashed are about to change. */
function restart(e: Entry): void {
  e.h = blobDigests(e.size);
  e.next = 1;
}

/** Part n of the upload `key` is about to be written: if it was hashed (or is being read), the hash starts over. */
export function partChanging(key: string, size: number, chunk: number, n: number): void {
  const e = entryFor(key, size, chunk);
  e.stored.delete(n);
  if (n < e.next || e.reading === n) restart(e);
}

/** Part n is written: hash whatever is now next in line, in the background. */
export function partStored(key: string, file: string, n: number): void {
  const e = entries.get(key);
  if (!e) return;
  e.stored.add(n);
  e.chain = e.chain.then(() => advance(e, file)).catch(() => {
    if (entries.get(key) === e) entries.delete(key); // unreadable now: completion hashes from the file
  });
}

async function advance(e: Entry, file: string): Promise<void> {
  while (e.next <= e.count && e.stored.has(e.next)) {
    const h = e.h;
    const n = e.next;
    e.reading = n;
    try {
      const start = (n - 1) * e.chunk;
      const end = Math.min(start + e.chunk, e.size) - 1;
      for await (const chunk of createReadStream(file, { start, end, highWaterMark: 1 << 20 })) {
        if (e.h !== h) return; // restarted meanwhile: these digests are dropped
        foldBytes(h, chunk as Buffer);
      }
    } finally {
      e.reading = 0;
    }
    if (e.h !== h) return;
    e.next = n + 1;
  }
}

/**
 * The digests of the whole staging file, for a completion that holds the upload
 * (staging-lock.ts) and has checked that every part is stored. Nothing is kept
 * afterwards, whatever the outcome.
 */
export async function finishHash(key: string, file: string, size: number, chunk: number): Promise<StoredBlob> {
  const e = entryFor(key, size, chunk);
  try {
    await e.chain;
    for (let n = 1; n <= e.count; n++) e.stored.add(n);
    await advance(e, file);
    if (e.next !== e.count + 1) throw new Error("staging file changed during completion");
    return storedBlobOf(e.h, size);
  } finally {
    if (entries.get(key) === e) entries.delete(key);
  }
}

/** How many leading parts of the upload `key` are hashed so far (0 when this process has no state for it). */
export function hashedThrough(key: string): number {
  return (entries.get(key)?.next ?? 1) - 1;
}

/** The upload was cancelled or swept. */
export function forgetHash(key: string): void {
  entries.delete(key);
}
