"use client";
import { useActionState } from "react";
import { inputClass, secondaryButtonClass } from "@/components/ui/button-styles";

export type ActionState = { error?: string; done?: string };

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export function ForkForm({ owner, repo, isPrivate, namespaces, action }: { owner: string; repo: string; isPrivate: boolean; namespaces: string[]; action: Action }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <details className="rounded-lg border border-gray-200 bg-white p-3 text-sm" data-testid="fork">
      <summary className="cursor-pointer font-medium">Fork</summary>
      <form action={run} className="mt-2 space-y-2">
        <input type="hidden" name="owner" value={owner} />
        <input type="hidden" name="repo" value={repo} />
        {namespaces.length > 1 && (
          <label className="block">
            <span className="text-xs text-gray-500">Into</span>
            <select className={inputClass} name="namespace" defaultValue={namespaces[0]}>
              {namespaces.map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
        )}
        <label className="block">
          <span className="text-xs text-gray-500">Name of the fork</span>
          <input className={inputClass} name="name" defaultValue={repo} required maxLength={96} />
        </label>
        {!isPrivate && (
          <label className="flex items-center gap-2 text-xs"><input type="checkbox" name="private" /> private fork</label>
        )}
        <p className="text-xs text-gray-500">A fork shares this model&apos;s files: it is instant and stores no extra bytes.</p>
        <button className={secondaryButtonClass} type="submit" disabled={pending}>{pending ? "Forking…" : "Create fork"}</button>
        {state.error && <p className="text-xs text-red-700" role="alert">{state.error}</p>}
      </form>
    </details>
  );
}

export function SyncForm({ owner, repo, action }: { owner: string; repo: string; action: Action }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} className="inline">
      <input type="hidden" name="owner" value={owner} />
      <input type="hidden" name="repo" value={repo} />
      <button className="text-indigo-700 hover:underline" type="submit" disabled={pending}>{pending ? "Syncing…" : "Sync from upstream"}</button>
      {state.error && <span className="ml-2 text-xs text-red-700" role="alert">{state.error}</span>}
      {state.done && <span className="ml-2 text-xs text-green-800">{state.done}</span>}
    </form>
  );
}
