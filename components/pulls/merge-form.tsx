"use client";
import { useActionState } from "react";
import type { DiscussionState } from "@/components/discussions/discussion-forms";
import { buttonClass, inputClass } from "@/components/ui/button-styles";

export function MergeForm({ owner, repo, num, target, disabled, action }: { owner: string; repo: string; num: number; target: string; disabled: boolean; action: (s: DiscussionState, f: FormData) => Promise<DiscussionState> }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} className="space-y-2" data-testid="merge-form">
      <input type="hidden" name="owner" value={owner} />
      <input type="hidden" name="repo" value={repo} />
      <input type="hidden" name="num" value={num} />
      <input className={inputClass} name="comment" placeholder="Merge comment (optional)" aria-label="Merge comment" maxLength={10000} />
      <button className={buttonClass} type="submit" disabled={pending || disabled}>Merge into {target}</button>
      {state.error && <p className="text-sm text-red-700" role="alert">{state.error}</p>}
    </form>
  );
}
