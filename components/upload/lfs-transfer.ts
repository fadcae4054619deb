// Browser side of the LFS protocol the HF clients use: hash the file, ask the
// batch API what to send, PUT it whole or in parts. Finished parts are kept in
// localStorage by sha256, so after an error, a reload or a closed tab the same
// file resumes where it stopped.
import { createSHA256 } from "hash-wasm";

type UploadAction = { href: string; header?: Record<string, string> };
type Saved = { parts: Record<string, string> };

const HASH_SLICE = 8 * 1024 * 1024;
const PARALLEL_PARTS = 3;
const storageKey = (oid: string) => `modelhub-upload:${oid}`;

export type TransferEvents = { onHashed?: (bytes: number) => void; onSent: (bytes: number) => void };

export async function sha256OfFile(file: File, onProgress: (bytes: number) => void, signal: AbortSignal): Promise<string> {
  const hasher = await createSHA256();
  hasher.init();
  for (let at = 0; at < file.size; at += HASH_SLICE) {
    if (signal.aborted) throw new Error("Upload cancelled");
    hasher.update(new Uint8Array(await file.slice(at, at + HASH_SLICE).arrayBuffer()));
    onProgress(Math.min(at + HASH_SLICE, file.size));
  }
  return hasher.digest("hex");
}

function load(oid: string): Saved {
  try {
    return (JSON.parse(localStorage.getItem(storageKey(oid)) ?? "null") as Saved | null) ?? { parts: {} };
  } catch {
    return { parts: {} };
  }
}

const save = (oid: string, s: Saved) => localStorage.setItem(storageKey(oid), JSON.stringify(s));

function put(url: string, body: Blob, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<string> {
  // An abort listener added after the abort never fires: check first.
  if (signal.aborted) return Promise.reject(new Error("Upload cancelled"));
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve(xhr.getResponseHeader("ETag") ?? "");
      let message = `HTTP ${xhr.status}`;
      try {
        message = (JSON.parse(xhr.responseText) as { error?: string }).error ?? message;
      } catch {
        /* keep the status */
      }
      reject(new Error(message));
    };
    xhr.onerror = () => reject(new Error("Network error during upload"));
    xhr.onabort = () => reject(new Error("Upload cancelled"));
    signal.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

async function batch(repo: string, oid: string, size: number): Promise<UploadAction | null> {
  const res = await fetch(`/${repo}.git/info/lfs/objects/batch`, {
    method: "POST",
    headers: { "Content-Type": "application/vnd.git-lfs+json", Accept: "application/vnd.git-lfs+json" },
    body: JSON.stringify({ operation: "upload", transfers: ["basic", "multipart"], hash_algo: "sha256", objects: [{ oid, size }] }),
  });
  const body = (await res.json()) as { error?: string; objects?: { actions?: { upload?: UploadAction }; error?: { message: string } }[] };
  if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
  const obj = body.objects?.[0];
  if (obj?.error) throw new Error(obj.error.message);
  return obj?.actions?.upload ?? null; // null: the hub already has this content
}

/** Uploads one file's content to the hub; resolves once it is stored and verified. */
export async function transferFile(repo: string, file: File, oid: string, events: TransferEvents, signal: AbortSignal): Promise<void> {
  const action = await batch(repo, oid, file.size);
  if (!action) {
    events.onSent(file.size);
    return;
  }
  if (!action.header?.chunk_size) {
    await put(action.href, file, events.onSent, signal);
    return;
  }
  const chunk = Number(action.header.chunk_size);
  const partNumbers = Object.keys(action.header).filter((k) => /^\d+$/.test(k)).sort();
  const saved = load(oid);
  const inFlight = new Map<string, number>();
  const doneBytes = () => partNumbers.reduce((n, k) => n + (saved.parts[k] ? Math.min(chunk, file.size - (Number(k) - 1) * chunk) : 0), 0);
  const report = () => events.onSent(doneBytes() + [...inFlight.values()].reduce((a, b) => a + b, 0));
  report();
  const queue = partNumbers.filter((k) => !saved.parts[k]);
  let failed = false; // one failed part stops the others from starting new ones
  const worker = async () => {
    for (let k = queue.shift(); k !== undefined && !failed && !signal.aborted; k = queue.shift()) {
      const n = Number(k);
      inFlight.set(k, 0);
      const etag = await put(action.header![k]!, file.slice((n - 1) * chunk, n * chunk), (loaded) => {
        inFlight.set(k, loaded);
        report();
      }, signal)
        .catch((e: Error) => {
          failed = true;
          throw e;
        })
        .finally(() => inFlight.delete(k));
      saved.parts[k] = etag;
      save(oid, saved); // survives a reload from here on
      report();
    }
  };
  // Parts already in flight when one fails are let finish and saved, so the
  // error surfaces only once everything that can be kept has been kept.
  const results = await Promise.allSettled(Array.from({ length: PARALLEL_PARTS }, worker));
  if (signal.aborted) throw new Error("Upload cancelled");
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (rejected) throw rejected.reason;
  const res = await fetch(action.href, {
    method: "POST",
    headers: { "Content-Type": "application/vnd.git-lfs+json" },
    body: JSON.stringify({ oid, parts: partNumbers.map((k) => ({ partNumber: Number(k), etag: saved.parts[k] })) }),
  });
  if (!res.ok) {
    localStorage.removeItem(storageKey(oid)); // parts are gone or wrong: start over next time
    throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `Completion failed (HTTP ${res.status})`);
  }
  localStorage.removeItem(storageKey(oid));
}

/** Cancels a file's multipart upload on the hub and forgets its progress. */
export async function cancelTransfer(repo: string, oid: string, size: number): Promise<void> {
  localStorage.removeItem(storageKey(oid));
  const action = await batch(repo, oid, size).catch(() => null);
  if (action?.header?.chunk_size) await fetch(action.href.replace("/complete?", "?"), { method: "DELETE" }).catch(() => {});
}
