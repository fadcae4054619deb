// Who is writing a multipart upload's staging file in this process. A completion
// hashes the file and then moves it into the store: a part write still under way
// (a slow client, the same part sent twice) would change bytes after they were
// hashed, and they would land in stored content under a sha256 they do not have.
// So each part has one writer at a time, a completion is refused while any part
// is being written, and parts are refused while a completion runs. Nothing here
// is evicted while in use; an entry goes when its last holder leaves.
import { conflict } from "../errors";

type Lock = { parts: Set<number>; completing: boolean };
const locks = new Map<string, Lock>();

const lockOf = (key: string): Lock => locks.get(key) ?? locks.set(key, { parts: new Set(), completing: false }).get(key)!;

function leave(key: string, lock: Lock): void {
  if (!lock.completing && lock.parts.size === 0) locks.delete(key);
}

/** Claims part n of the upload `key` for writing; call the returned function once the write has ended (its file closed). */
export function claimPart(key: string, n: number): () => void {
  const lock = lockOf(key);
  if (lock.completing) throw conflict("This upload is being completed");
  if (lock.parts.has(n)) throw conflict(`Part ${n} is already being uploaded`);
  lock.parts.add(n);
  return () => {
    lock.parts.delete(n);
    leave(key, lock);
  };
}

/** Claims the upload `key` for its completion; call the returned function once the file is stored or removed. */
export function claimCompletion(key: string): () => void {
  const lock = lockOf(key);
  if (lock.completing) throw conflict("This upload is already being completed");
  const writing = [...lock.parts];
  if (writing.length) {
    leave(key, lock);
    throw conflict(`Part ${writing[0]} is still being uploaded: complete the upload once every part is sent`);
  }
  lock.completing = true;
  return () => {
    lock.completing = false;
    leave(key, lock);
  };
}
