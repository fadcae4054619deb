"use client";
// The repo's own settings: visibility, a new name or namespace, deletion. Each form
// says what went wrong in place (a taken name, a confirmation that does not match).
import { useActionState } from "react";
import { inputClass } from "@/components/ui/button-styles";

export type AdminState = { error?: string; done?: string };
type Action = (prev: AdminState, form: FormData) => Promise<AdminState>;
type Repo = { owner: string; name: string };

const box = "space-y-3 rounded-lg border border-gray-200 bg-white p-4 text-sm";
const hidden = (r: Repo) => (
  <>
    <input type="hidden" name="owner" value={r.owner} />
    <input type="hidden" name="repo" value={r.name} />
  </>
);
const message = (s: AdminState) =>
  s.error ? <p role="alert" className="text-red-700">{s.error}</p> : s.done ? <p role="status" className="text-emerald-700">{s.done}</p> : null;

export function VisibilityForm({ repo, isPrivate, action }: { repo: Repo; isPrivate: boolean; action: Action }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} className={box} data-testid="visibility">
      {hidden(repo)}
      <div className="flex flex-wrap gap-4">
        <label className="flex items-center gap-1"><input type="radio" name="visibility" value="public" defaultChecked={!isPrivate} /> Public: anyone can see and download it</label>
        <label className="flex items-center gap-1"><input type="radio" name="visibility" value="private" defaultChecked={isPrivate} /> Private: only you (or the organization&apos;s members)</label>
      </div>
      <button className="rounded border border-gray-300 px-2 py-1" type="submit" disabled={pending}>Save visibility</button>
      {message(state)}
    </form>
  );
}

export function RenameForm({ repo, namespaces, action }: { repo: Repo; namespaces: string[]; action: Action }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} className={box} data-testid="rename">
      {hidden(repo)}
      <div className="flex flex-nowrap items-center gap-2">
        <select className={`${inputClass} w-auto`} name="toOwner" aria-label="New owner" defaultValue={repo.owner}>
          {namespaces.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
        <span className="text-gray-500">/</span>
        <input className={`${inputClass} min-w-0`} name="toName" aria-label="New name" defaultValue={repo.name} required maxLength={96} />
      </div>
      <p className="text-xs text-gray-500">The old address keeps leading here (pages, downloads, the API and git) until another repo takes that name.</p>
      <button className="rounded border border-gray-300 px-2 py-1" type="submit" disabled={pending}>Rename or move</button>
      {message(state)}
    </form>
  );
}

export function DeleteForm({ repo, action }: { repo: Repo; action: Action }) {
  const [state, run, pending] = useActionState(action, {});
  const id = `${repo.owner}/${repo.name}`;
  return (
    <form action={run} className={`${box} border-red-300`} data-testid="delete-repo">
      {hidden(repo)}
      <p>This deletes the repo with its files, history, discussions and webhooks. It cannot be undone.</p>
      <label className="block">
        Type <code className="font-mono">{id}</code> to confirm
        <input className={`${inputClass} mt-1`} name="confirm" aria-label="Confirm the repository to delete" autoComplete="off" required />
      </label>
      <button className="rounded bg-red-600 px-3 py-1.5 font-medium text-white" type="submit" disabled={pending}>Delete this repository</button>
      {message(state)}
    </form>
  );
}
