"use client";
import { useActionState, useEffect } from "react";
import { inputClass, secondaryButtonClass } from "@/components/ui/button-styles";

export type NewRefState = { error?: string; created?: string };

export type NewRefProps = { owner: string; repo: string; from: string; action: (s: NewRefState, f: FormData) => Promise<NewRefState> };

/** `onCreated`: told the new ref's description once it exists (the ref menu closes and says it). */
export function NewRefForm(props: NewRefProps & { onCreated?: (created: string) => void }) {
  const [state, formAction, pending] = useActionState(props.action, {});
  const { onCreated } = props;
  useEffect(() => {
    if (state.created) onCreated?.(state.created);
  }, [state, onCreated]);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2 text-sm">
      <input type="hidden" name="owner" value={props.owner} />
      <input type="hidden" name="repo" value={props.repo} />
      <input type="hidden" name="from" value={props.from} />
      <select name="kind" className={`${inputClass} w-auto`} aria-label="Kind of ref">
        <option value="branch">New branch</option>
        <option value="tag">New tag</option>
      </select>
      <input name="name" required maxLength={200} className={`${inputClass} w-48`} placeholder="name" aria-label="Ref name" />
      <button type="submit" disabled={pending} className={secondaryButtonClass}>Create from {props.from.length === 40 ? props.from.slice(0, 7) : props.from}</button>
      {state.error && <span role="alert" className="text-red-700">{state.error}</span>}
      {state.created && !onCreated && <span role="status" className="text-emerald-700">Created {state.created}</span>}
    </form>
  );
}
