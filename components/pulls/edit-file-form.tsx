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
};

export function EditFileForm({ owner, repo, branch, path, initial, parentCommit, canCommit, action }: Props) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} className="space-y-3" data-testid="edit-file">
      <input type="hidden" name="owner" value={owner} />
      <input type="hidden" name="repo" value={repo} />
      <input type="hidden" name="branch" value={branch} />
      <input type="hidden" name="path" value={path} />
      <input type="hidden" name="parentCommit" value={parentCommit} />
      <textarea className={`${inputClass} font-mono text-xs`} name="content" rows={24} defaultValue={initial} aria-label="File content" spellCheck={false} />
      <input className={inputClass} name="summary" placeholder={`Update ${path}`} aria-label="Summary" maxLength={500} />
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
