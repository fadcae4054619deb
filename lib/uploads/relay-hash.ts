// The sha256 (and git blob id) of an S3 multipart upload whose parts pass through
// this process on their way to the bucket (relayed-parts.ts), computed from the
// bytes as they pass, so that the completion need not read the object back.
// Parts arrive in parallel and out of order: the part next in line is hashed as
// its bytes arrive, later ones are held in memory until their turn (a bounded
// amount; past it they are dropped and that part onwards is read back instead).
// The state here only ever saves a read: whatever it cannot vouch for (a part
// sent again after it was hashed, a part sent through another process, a
// restart) leaves the completion to read from the first byte it cannot cover.
import { blobDigests, foldBytes, type BlobDigests } from "../repos/blob-digests";
import { HeldBytes } from "./held-bytes";

type Part = { held: HeldBytes; sent: boolean; dropped: boolean; etag: string };
type Relay = {
  size: number;
  chunk: number;
  count: number;
  /** The next part to fold into `h`; parts before it are in. */
  next: number;
  h: BlobDigests;
  /** `h` as it was before part `next` began to be folded in, while that part is still arriving. */
  mark: BlobDigests | null;
  arriving: Map<number, Part>;
  /** ETag the bucket gave each part folded into `h`. */
  etags: Map<number, string>;
  /** Part writes this process began for the upload. */
  started: number;
  /** A part already folded into `h` was sent again: `h` no longer vouches for anything. */
  void: boolean;
  /** The first part whose bytes were not held (memory): from it on, nothing more is folded in. */
  gap: number;
  /** When a byte of this upload last arrived (ms). */
  active: number;
};

const MAX_RELAYS = 1000; // uploads in progress on this process; an evicted one is read back at completion
const MAX_HELD = 256 * 1024 * 1024; // bytes held for parts waiting their turn, all uploads together
const IDLE_MS = 5 * 60_000; // an upload nothing arrived for this long gives up what it holds when others need room
const relays = new Map<string, Relay>();
let held = 0;

const copyDigests = (d: BlobDigests): BlobDigests => ({ sha256: d.sha256.copy(), sha1: d.sha1.copy(), sample: d.sample });

function relayFor(id: string, size: number, chunk: number): Relay {
  let r = relays.get(id);
  if (!r || r.size !== size) {
    if (r) forget(id);
    r = { size, chunk, count: Math.max(1, Math.ceil(size / chunk)), next: 1, h: blobDigests(size), mark: null, arriving: new Map(), etags: new Map(), started: 0, void: false, gap: Infinity, active: Date.now() };
    relays.set(id, r);
    if (relays.size > MAX_RELAYS) forget(relays.keys().next().value!);
  }
  return r;
}

/** Uploads gone quiet (a client that sent later parts and left) stop holding memory others could use. */
function dropIdle(): void {
  const before = Date.now() - IDLE_MS;
  for (const [id, r] of relays) if (r.active < before && r.arriving.size > 0) forget(id);
}

function release(p: Part): void {
  held -= p.held.length;
  p.held.release();
}

/** Takes out what was folded in of the part next in line (it is being sent again, or failed). */
function unfold(r: Relay): void {
  if (!r.mark) return;
  r.h = r.mark;
  r.mark = null;
}

/** Folds in whatever is next in line and has arrived. */
function advance(r: Relay): void {
  for (;;) {
    const p = r.arriving.get(r.next);
    if (!p || p.dropped) return;
    r.mark ??= copyDigests(r.h);
    for (const v of p.held.views()) foldBytes(r.h, v);
    release(p);
    if (!p.sent) return;
    r.etags.set(r.next, p.etag);
    r.arriving.delete(r.next);
    r.mark = null;
    r.next++;
  }
}

/**
 * Part n of upload `id` is about to be sent to the bucket (its writer holds the
 * part: staging-lock.ts). Returns the callbacks its bytes and outcome go to.
 */
export function partStarting(id: string, size: number, chunk: number, n: number) {
  const r = relayFor(id, size, chunk);
  r.started++;
  if (n < r.next) r.void = true; // the bucket may end up with other bytes than those hashed
  const old = r.arriving.get(n);
  if (old) {
    if (n === r.next) unfold(r);
    release(old);
  }
  const p: Part = { held: new HeldBytes(), sent: false, dropped: false, etag: "" };
  r.arriving.set(n, p);
  const mine = () => relays.get(id) === r && r.arriving.get(n) === p;
  return {
    bytes(b: Buffer): void {
      if (!mine() || p.dropped) return;
      r.active = Date.now();
      if (n !== r.next && held + b.length > MAX_HELD) dropIdle();
      if (n >= r.gap || (n !== r.next && held + b.length > MAX_HELD)) {
        // Read back from the bucket at completion instead; later parts could never be folded in either.
        r.gap = Math.min(r.gap, n);
        for (const [m, q] of r.arriving) {
          if (m < r.gap) continue;
          q.dropped = true;
          release(q);
        }
        return;
      }
      if (n === r.next) {
        // In line: hashed as it passes, nothing held. (Anything held for it was folded in when it became next.)
        r.mark ??= copyDigests(r.h);
        foldBytes(r.h, b);
        return;
      }
      p.held.append(b);
      held += b.length;
    },
    sent(etag: string): void {
      if (!mine()) return;
      p.sent = true;
      p.etag = etag;
      advance(r);
    },
    failed(): void {
      if (!mine()) return;
      // The bucket keeps what it had for this part (if anything): what was folded in is taken out again.
      if (n === r.next) unfold(r);
      release(p);
      r.arriving.delete(n);
    },
  };
}

/**
 * What this process can vouch for at the completion of upload `id`: the digests
 * of its first `through` bytes, when every part write of the upload went through
 * here (`written`: the count the database kept) and the bucket joined the very
 * parts that were hashed. Nothing is kept afterwards.
 */
export function takeDigests(id: string, written: number, parts: { partNumber: number; etag: string }[]): { h: BlobDigests; through: number } | null {
  const r = relays.get(id);
  forget(id);
  if (!r || r.void || r.started !== written) return null;
  const joined = new Map(parts.map((p) => [p.partNumber, unquote(p.etag)]));
  for (const [n, etag] of r.etags) if (joined.get(n) !== unquote(etag)) return null;
  return { h: r.h, through: Math.min((r.next - 1) * r.chunk, r.size) };
}

const unquote = (etag: string) => etag.replace(/"/g, "");

export function forget(id: string): void {
  const r = relays.get(id);
  if (!r) return;
  for (const p of r.arriving.values()) release(p);
  relays.delete(id);
}

/** Bytes held for parts waiting their turn (for tests and metrics). */
export const heldBytes = () => held;
