"use client";
import { useActionState } from "react";
import { inputClass, secondaryButtonClass } from "@/components/ui/button-styles";

export type NewRefState = { error?: string; created?: string };

export function NewRefForm(props: { owner: string; repo: string; from: string; action: (s: NewRefState, f: FormData) => Promise<NewRefState> }) {
  const [state, formAction, pending] = useActionState(props.action, {});
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
      {state.created && <span role="status" className="text-emerald-700">Created {state.created}</span>}
    </form>
  );
}
