"use client";
// The card editor: metadata fields and the Markdown body, with a live preview
// rendered by the server exactly as the model page will show it.
import { useActionState, useEffect, useRef, useTransition, type ReactNode } from "react";
import type { CardForm } from "@/lib/cards/compose-card";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/button-styles";

export type PreviewState = { node?: ReactNode; problems?: string[]; error?: string };
export type SaveState = { error?: string };

type Props = {
  owner: string;
  repo: string;
  initial: CardForm;
  body: string;
  tasks: readonly string[];
  licenses: string[];
  canCommit: boolean;
  preview: (s: PreviewState, f: FormData) => Promise<PreviewState>;
  save: (s: SaveState, f: FormData) => Promise<SaveState>;
};

const FIELDS: { key: keyof CardForm; label: string; hint: string; list?: string }[] = [
  { key: "pipeline_tag", label: "Task", hint: "text-classification", list: "card-tasks" },
  { key: "library_name", label: "Library", hint: "transformers, tfjs, onnx…" },
  { key: "license", label: "License", hint: "apache-2.0", list: "card-licenses" },
  { key: "language", label: "Languages", hint: "en, fr" },
  { key: "datasets", label: "Datasets", hint: "imdb, owner/dataset" },
  { key: "base_model", label: "Base model", hint: "owner/model" },
  { key: "tags", label: "Tags", hint: "sentiment, reviews" },
];

export function CardEditor({ owner, repo, initial, body, tasks, licenses, canCommit, preview, save }: Props) {
  const formRef = useRef<HTMLFormElement>(null);
  const [shown, runPreview] = useActionState(preview, {});
  const [saved, runSave, saving] = useActionState(save, {});
  const [, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => formRef.current && startTransition(() => runPreview(new FormData(formRef.current!))), 300);
  };
  useEffect(refresh, []); // first preview on load

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form ref={formRef} action={runSave} onInput={refresh} className="space-y-3" data-testid="card-editor">
        <input type="hidden" name="owner" value={owner} />
        <input type="hidden" name="repo" value={repo} />
        <datalist id="card-tasks">{tasks.map((t) => <option key={t} value={t} />)}</datalist>
        <datalist id="card-licenses">{licenses.map((l) => <option key={l} value={l} />)}</datalist>
        <div className="grid gap-3 sm:grid-cols-2">
          {FIELDS.map((f) => (
            <label key={f.key} className="block text-sm">
              <span className="font-medium">{f.label}</span>
              <input className={inputClass} name={f.key} defaultValue={initial[f.key]} placeholder={f.hint} list={f.list} maxLength={2000} />
            </label>
          ))}
        </div>
        <label className="block text-sm">
          <span className="font-medium">Card (Markdown)</span>
          <textarea className={`${inputClass} font-mono text-xs`} name="body" rows={22} defaultValue={body} spellCheck={false} />
        </label>
        <input className={inputClass} name="summary" placeholder="Update model card" aria-label="Summary" maxLength={500} />
        <div className="flex flex-wrap gap-2">
          {canCommit && <button className={buttonClass} type="submit" name="mode" value="commit" disabled={saving}>Save card</button>}
          <button className={canCommit ? secondaryButtonClass : buttonClass} type="submit" name="mode" value="pr" disabled={saving}>Open as a pull request</button>
        </div>
        {saved.error && <p className="text-sm text-red-700" role="alert">{saved.error}</p>}
      </form>
      <section className="min-w-0 space-y-2" aria-label="Preview">
        <h2 className="text-sm font-semibold text-gray-600">Preview</h2>
        {shown.error && <p className="text-sm text-red-700">{shown.error}</p>}
        {shown.problems && shown.problems.length > 0 && (
          <ul className="rounded border border-amber-300 bg-amber-50 p-2 text-xs" data-testid="card-editor-problems">
            {shown.problems.map((p, i) => <li key={i}>{p}</li>)}
          </ul>
        )}
        <div className="rounded-lg border border-gray-200 bg-white p-4" data-testid="card-preview">{shown.node}</div>
      </section>
    </div>
  );
}
