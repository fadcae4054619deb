"use client";
// Drag-and-drop uploader: every file streams to the blob store with its own
// progress bar; when all are stored, one commit adds them to the repo.
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { buttonClass, inputClass, labelClass, secondaryButtonClass } from "@/components/ui/button-styles";
import { formatBytes } from "@/components/ui/format";
import { putFile } from "./put-file";

type Item = { file: File; path: string; sent: number; status: "queued" | "uploading" | "stored" | "failed"; error?: string; sha256?: string };

const PARALLEL = 3;

/** Checks a model card's metadata with the hub; a message when it is broken. */
async function cardProblem(readme: File | undefined): Promise<string | null> {
  if (!readme || readme.size > 2 * 1024 * 1024) return null;
  const res = await fetch("/api/validate-yaml", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ content: await readme.text(), repoType: "model" }),
  });
  if (res.ok) return null;
  const body = (await res.json().catch(() => ({}))) as { errors?: { message: string }[] };
  return `README.md has invalid metadata, nothing was uploaded: ${(body.errors ?? []).map((e) => e.message).join("; ") || `HTTP ${res.status}`}`;
}

export function Uploader({ repo }: { repo: string }) {
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
      for (const f of list) byName.set(f.name, { file: f, path: f.name, sent: 0, status: "queued" });
      return [...byName.values()];
    });
  }

  const update = (i: number, patch: Partial<Item>) => setItems((prev) => prev.map((it, j) => (j === i ? { ...it, ...patch } : it)));

  async function start() {
    setError(null);
    const prefix = folder.trim().replace(/^\/+|\/+$/g, "");
    const work = items.map((it) => ({ ...it, path: prefix ? `${prefix}/${it.file.name}` : it.file.name }));
    const problem = await cardProblem(work.find((w) => w.path === "README.md")?.file);
    if (problem) return setError(problem); // before any weights are sent
    setItems(work);
    setBusy(true);
    abort.current = new AbortController();
    const results: (string | undefined)[] = work.map((w) => w.sha256);
    let next = 0;
    let failed = false;
    async function worker() {
      while (next < work.length) {
        const i = next++;
        if (results[i]) continue; // already stored in an earlier attempt
        update(i, { status: "uploading", sent: 0, error: undefined });
        try {
          const r = await putFile(work[i]!.file, (sent) => update(i, { sent }), abort.current!.signal);
          results[i] = r.sha256;
          update(i, { status: "stored", sent: work[i]!.file.size, sha256: r.sha256 });
        } catch (e) {
          failed = true;
          update(i, { status: "failed", error: (e as Error).message });
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(PARALLEL, work.length) }, worker));
    if (failed) {
      setBusy(false);
      setError("Some files failed. Nothing was committed; press Upload again to retry the failed ones.");
      return;
    }
    const res = await fetch(`/api/upload-commit/${repo}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        summary: summary.trim() || `Upload ${work.length === 1 ? work[0]!.path : `${work.length} files`}`,
        files: work.map((w, i) => ({ path: w.path, sha256: results[i] })),
      }),
    });
    setBusy(false);
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      setError(body.error ?? `Commit failed (HTTP ${res.status})`);
      return;
    }
    router.push(`/${repo}`);
    router.refresh();
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
        <p className="mt-2 text-xs text-gray-500">Any size: files stream to storage and are never loaded into memory.</p>
      </div>

      {items.length > 0 && (
        <ul className="space-y-2" data-testid="upload-items">
          {items.map((it, i) => {
            const pct = it.file.size ? Math.round((it.sent / it.file.size) * 100) : it.status === "stored" ? 100 : 0;
            return (
              <li key={it.file.name} className="rounded-md border border-gray-200 bg-white p-3 text-sm">
                <div className="flex justify-between gap-3">
                  <span className="truncate font-mono">{it.path}</span>
                  <span className="whitespace-nowrap text-gray-500">
                    {formatBytes(it.file.size)} · <span data-testid="upload-status">{it.status}</span>
                  </span>
                </div>
                <div className="mt-2 h-2 overflow-hidden rounded bg-gray-100" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={`Upload of ${it.file.name}`}>
                  <div className={`h-full ${it.status === "failed" ? "bg-red-500" : "bg-indigo-600"}`} style={{ width: `${pct}%` }} />
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
          {busy ? "Uploading…" : `Upload and commit${items.length ? ` (${items.length}, ${formatBytes(total)})` : ""}`}
        </button>
        {busy && (
          <button type="button" className={secondaryButtonClass} onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
