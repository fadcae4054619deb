"use client";
// "Re-run this recipe": the same base commit, dataset, hyper-parameters and seed, into a new model.
import { useState } from "react";
import { inputClass, secondaryButtonClass } from "@/components/ui/button-styles";

export function RerunForm({ repo }: { repo: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    const res = await fetch("/api/fine-tunes/rerun", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ repo, outputName: form.get("outputName"), private: form.get("private") === "on" }),
    });
    const body = await res.json().catch(() => ({}));
    if (res.status === 201) window.location.assign(`/jobs/${body.id}`);
    else {
      setBusy(false);
      setError(body.error ?? `The hub answered ${res.status}`);
    }
  }
  return (
    <details className="rounded-lg border border-gray-200 bg-white p-3 text-sm" data-testid="rerun">
      <summary className="cursor-pointer font-medium">Re-run this recipe</summary>
      <form onSubmit={submit} className="mt-2 space-y-2">
        <input className={inputClass} name="outputName" defaultValue={`${repo.split("/")[1]}-rerun`} required maxLength={96} aria-label="New model name" />
        <label className="flex items-center gap-2 text-xs"><input type="checkbox" name="private" /> private</label>
        <button className={secondaryButtonClass} type="submit" disabled={busy}>{busy ? "Starting…" : "Start the same job"}</button>
        {error && <p className="text-xs text-red-700" role="alert">{error}</p>}
      </form>
    </details>
  );
}
