"use client";
import { useActionState } from "react";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/button-styles";

export type DiscussionState = { error?: string };

type Action = (s: DiscussionState, f: FormData) => Promise<DiscussionState>;
type Where = { owner: string; repo: string };

export function NewDiscussionForm({ owner, repo, action }: Where & { action: Action }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} className="space-y-2 rounded-lg border border-gray-200 bg-white p-4" data-testid="new-discussion">
      <input type="hidden" name="owner" value={owner} />
      <input type="hidden" name="repo" value={repo} />
      <input className={inputClass} name="title" placeholder="Title" aria-label="Title" required maxLength={200} />
      <textarea className={inputClass} name="body" rows={4} placeholder="Markdown is supported" aria-label="Comment" required />
      <button className={buttonClass} type="submit" disabled={pending}>Open discussion</button>
      {state.error && <p className="text-sm text-red-700" role="alert">{state.error}</p>}
    </form>
  );
}

export function CommentForm({ owner, repo, num, commentId, initial, action }: Where & { num: number; commentId?: string; initial?: string; action: Action }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} className="space-y-2" data-testid={commentId ? "edit-comment" : "comment-form"}>
      <input type="hidden" name="owner" value={owner} />
      <input type="hidden" name="repo" value={repo} />
      <input type="hidden" name="num" value={num} />
      {commentId && <input type="hidden" name="commentId" value={commentId} />}
      <textarea className={inputClass} name="body" rows={commentId ? 3 : 4} defaultValue={initial} aria-label={commentId ? "Edit comment" : "Comment"} required />
      <button className={commentId ? secondaryButtonClass : buttonClass} type="submit" disabled={pending}>{commentId ? "Save edit" : "Comment"}</button>
      {state.error && <p className="text-sm text-red-700" role="alert">{state.error}</p>}
    </form>
  );
}
