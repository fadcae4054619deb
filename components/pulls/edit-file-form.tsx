"use client";
import { useActionState } from "react";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/button-styles";

export type EditState = { error?: string };

type Props = {
  owner: string;
  repo: string;
  branch: string;
  path: string;
  initial: string;
  parentCommit: string;
  canCommit: boolean;
  action: (s: EditState, f: FormData) => Promise<EditState>;
  /** A new file: its path is typed (starting in `path`, the folder), and an existing file there is refused. */
  create?: boolean;
};

export function EditFileForm({ owner, repo, branch, path, initial, parentCommit, canCommit, action, create = false }: Props) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} className="space-y-3" data-testid="edit-file">
      <input type="hidden" name="owner" value={owner} />
      <input type="hidden" name="repo" value={repo} />
      <input type="hidden" name="branch" value={branch} />
      {create ? (
        <label className="block">
          <span className="text-sm font-medium">Path of the new file</span>
          <input className={`${inputClass} font-mono`} name="path" defaultValue={path} required maxLength={1000} placeholder="folder/name.md" aria-label="Path of the new file" />
          <input type="hidden" name="create" value="1" />
        </label>
      ) : (
        <input type="hidden" name="path" value={path} />
      )}
      <input type="hidden" name="parentCommit" value={parentCommit} />
      <textarea className={`${inputClass} font-mono text-xs`} name="content" rows={24} defaultValue={initial} aria-label="File content" spellCheck={false} />
      <input className={inputClass} name="summary" placeholder={create ? "Create a file" : `Update ${path}`} aria-label="Summary" maxLength={500} />
      <textarea className={inputClass} name="description" rows={2} placeholder="Description (optional)" aria-label="Description" />
      <div className="flex flex-wrap gap-2">
        {canCommit && (
          <button className={buttonClass} type="submit" name="mode" value="commit" disabled={pending}>Commit to {branch}</button>
        )}
        <button className={canCommit ? secondaryButtonClass : buttonClass} type="submit" name="mode" value="pr" disabled={pending}>Open as a pull request</button>
      </div>
      {!canCommit && <p className="text-sm text-gray-600">You cannot write to this repo: your change will be proposed as a pull request.</p>}
      {state.error && <p className="text-sm text-red-700" role="alert">{state.error}</p>}
    </form>
  );
}
