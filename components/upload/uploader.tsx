"use client";
// Drag-and-drop uploader. Each file is hashed in the browser, then sent with the
// LFS protocol (whole or in parts, resumable); when every file is stored, one
// commit adds them to the repo. Nothing is committed if any file fails.
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { buttonClass, inputClass, labelClass, secondaryButtonClass } from "@/components/ui/button-styles";
import { formatBytes } from "@/components/ui/format";
import { cancelTransfer, sha256OfFile, transferFile } from "./lfs-transfer";

type Status = "queued" | "hashing" | "uploading" | "stored" | "failed" | "cancelled";
type Item = { file: File; path: string; status: Status; done: number; sha256?: string; error?: string; rate?: number; eta?: number };

const PARALLEL_FILES = 2;

/** Checks a model card's metadata with the hub; a message when it is broken. */
async function cardProblem(readme: File | undefined, repoType: string): Promise<string | null> {
  if (!readme || readme.size > 2 * 1024 * 1024) return null;
  const res = await fetch("/api/validate-yaml", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ content: await readme.text(), repoType }),
  });
  if (res.ok) return null;
  const body = (await res.json().catch(() => ({}))) as { errors?: { message: string }[] };
  return `README.md has invalid metadata, nothing was uploaded: ${(body.errors ?? []).map((e) => e.message).join("; ") || `HTTP ${res.status}`}`;
}

const formatEta = (s: number) => (s < 60 ? `${Math.ceil(s)} s` : s < 3600 ? `${Math.ceil(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);

/** repo: "owner/name", or "datasets/owner/name" for a dataset (its address). proposeOnly: the user cannot write to the repo, so the upload opens a pull request. */
export function Uploader({ repo, proposeOnly = false }: { repo: string; proposeOnly?: boolean }) {
  const [items, setItems] = useState<Item[]>([]);
  const [folder, setFolder] = useState("");
  const [summary, setSummary] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const router = useRouter();

  function add(files: FileList | File[]) {
    const list = Array.from(files);
    setItems((prev) => {
      const byName = new Map(prev.map((i) => [i.file.name, i]));
      for (const f of list) byName.set(f.name, { file: f, path: f.name, status: "queued", done: 0 });
      return [...byName.values()];
    });
  }

  const update = (i: number, patch: Partial<Item>) => setItems((prev) => prev.map((it, j) => (j === i ? { ...it, ...patch } : it)));

  async function uploadOne(i: number, item: Item, signal: AbortSignal): Promise<string> {
    let oid = item.sha256;
    if (!oid) {
      update(i, { status: "hashing", done: 0, error: undefined });
      oid = await sha256OfFile(item.file, (done) => update(i, { done }), signal);
      update(i, { sha256: oid });
    }
    update(i, { status: "uploading", done: 0 });
    const started = performance.now();
    let first: number | null = null; // bytes already on the hub when this attempt began (resume)
    await transferFile(repo, item.file, oid, {
      onSent: (done) => {
        first ??= done;
        const secs = (performance.now() - started) / 1000;
        const rate = secs > 0.5 ? (done - first) / secs : undefined;
        update(i, { done, rate, eta: rate ? (item.file.size - done) / rate : undefined });
      },
    }, signal);
    update(i, { status: "stored", done: item.file.size });
    return oid;
  }

  async function start() {
    setError(null);
    const prefix = folder.trim().replace(/^\/+|\/+$/g, "");
    const work = items.map((it) => ({ ...it, path: prefix ? `${prefix}/${it.file.name}` : it.file.name }));
    const problem = await cardProblem(work.find((w) => w.path === "README.md")?.file, repo.startsWith("datasets/") ? "dataset" : "model");
    if (problem) return setError(problem); // before any weights are sent
    setItems(work);
    setBusy(true);
    abort.current = new AbortController();
    const signal = abort.current.signal;
    const oids: (string | undefined)[] = work.map((w) => (w.status === "stored" ? w.sha256 : undefined));
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (next < work.length) {
        const i = next++;
        if (oids[i]) continue; // stored in an earlier attempt
        try {
          oids[i] = await uploadOne(i, work[i]!, signal);
        } catch (e) {
          failed = true;
          update(i, { status: signal.aborted ? "cancelled" : "failed", error: (e as Error).message });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_FILES, work.length) }, worker));
    if (failed) {
      setBusy(false);
      setError(
        signal.aborted
          ? "Upload cancelled. Nothing was committed."
          : "Some files failed. Nothing was committed; press Upload again (even after reloading the page) to resume.",
      );
      return;
    }
    const res = await fetch(`/api/upload-commit/${repo}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        summary: summary.trim() || `Upload ${work.length === 1 ? work[0]!.path : `${work.length} files`}`,
        files: work.map((w, i) => ({ path: w.path, sha256: oids[i] })),
        ...(proposeOnly ? { createPr: true } : {}),
      }),
    });
    setBusy(false);
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      setError(body.error ?? `Commit failed (HTTP ${res.status})`);
      return;
    }
    const done = (await res.json()) as { pullRequest?: number };
    router.push(done.pullRequest ? `/${repo}/discussions/${done.pullRequest}` : `/${repo}`);
    router.refresh();
  }

  async function cancel() {
    abort.current?.abort();
    // Server-side parts of unfinished files are deleted.
    await Promise.all(items.filter((it) => it.sha256 && it.status !== "stored").map((it) => cancelTransfer(repo, it.sha256!, it.file.size)));
  }

  const total = items.reduce((n, i) => n + i.file.size, 0);
  return (
    <div className="space-y-5">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          add(e.dataTransfer.files);
        }}
        className={`flex flex-col items-center justify-center rounded-lg border-2 border-dashed p-10 text-center ${dragging ? "border-indigo-500 bg-indigo-50" : "border-gray-300 bg-white"}`}
        data-testid="drop-zone"
      >
        <p className="text-sm text-gray-700">Drag files here, or</p>
        <button type="button" className={`${secondaryButtonClass} mt-2`} onClick={() => input.current?.click()} disabled={busy}>
          Choose files
        </button>
        <input ref={input} type="file" multiple className="hidden" data-testid="file-input" onChange={(e) => e.target.files && add(e.target.files)} />
        <p className="mt-2 text-xs text-gray-500">Any size. Uploads resume after an error or a reload: choose the same files again.</p>
      </div>

      {items.length > 0 && (
        <ul className="space-y-2" data-testid="upload-items">
          {items.map((it, i) => {
            const pct = it.file.size ? Math.round((it.done / it.file.size) * 100) : it.status === "stored" ? 100 : 0;
            return (
              <li key={it.file.name} className="rounded-md border border-gray-200 bg-white p-3 text-sm">
                <div className="flex justify-between gap-3">
                  <span className="truncate font-mono">{it.path}</span>
                  <span className="whitespace-nowrap text-gray-500">
                    {formatBytes(it.file.size)} · <span data-testid="upload-status">{it.status}</span>
                    {it.status === "uploading" && it.rate ? ` · ${formatBytes(it.rate)}/s · ${formatEta(it.eta ?? 0)} left` : ""}
                  </span>
                </div>
                <div className="mt-2 h-2 overflow-hidden rounded bg-gray-100" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={`${it.status === "hashing" ? "Hashing" : "Upload of"} ${it.file.name}`}>
                  <div className={`h-full ${it.status === "failed" || it.status === "cancelled" ? "bg-red-500" : it.status === "hashing" ? "bg-gray-400" : "bg-indigo-600"}`} style={{ width: `${pct}%` }} />
                </div>
                {it.error && <p className="mt-1 text-xs text-red-700">{it.error}</p>}
                {!busy && it.status !== "stored" && (
                  <button type="button" className="mt-1 text-xs text-gray-500 hover:underline" onClick={() => setItems((p) => p.filter((_, j) => j !== i))}>
                    Remove
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}

      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label className={labelClass} htmlFor="folder">Folder in the repo (optional)</label>
          <input id="folder" className={inputClass} value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="e.g. onnx" disabled={busy} />
        </div>
        <div>
          <label className={labelClass} htmlFor="summary">Commit message</label>
          <input id="summary" className={inputClass} value={summary} onChange={(e) => setSummary(e.target.value)} placeholder="Upload files" maxLength={500} disabled={busy} />
        </div>
      </div>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      <div className="flex items-center gap-3">
        <button type="button" className={buttonClass} onClick={start} disabled={busy || items.length === 0}>
          {busy ? "Uploading…" : `${proposeOnly ? "Upload and open a pull request" : "Upload and commit"}${items.length ? ` (${items.length}, ${formatBytes(total)})` : ""}`}
        </button>
        {busy && (
          <button type="button" className={secondaryButtonClass} onClick={cancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
