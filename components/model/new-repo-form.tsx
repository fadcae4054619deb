"use client";
import { useActionState } from "react";
import { buttonClass, inputClass, labelClass } from "@/components/ui/button-styles";

export type NewRepoState = { error?: string };

type License = { id: string; name: string };

export function NewRepoForm(props: {
  owners: string[];
  licenses: License[];
  popular: License[];
  action: (s: NewRepoState, f: FormData) => Promise<NewRepoState>;
}) {
  const [state, formAction, pending] = useActionState(props.action, {});
  return (
    <form action={formAction} className="space-y-5">
      <div>
        <label className={labelClass} htmlFor="name">Model name</label>
        <div className="mt-1 flex items-center gap-2">
          {props.owners.length > 1 ? (
            <select className={`${inputClass} w-auto`} name="owner" aria-label="Owner" defaultValue={props.owners[0]}>
              {props.owners.map((o) => <option key={o} value={o}>{o}</option>)}
            </select>
          ) : (
            <input type="hidden" name="owner" value={props.owners[0]} />
          )}
          <span className="text-sm text-gray-600">{props.owners.length > 1 ? "/" : `${props.owners[0]} /`}</span>
          <input className={inputClass} id="name" name="name" required maxLength={96} pattern="[A-Za-z0-9][A-Za-z0-9._\-]*" placeholder="my-model" />
        </div>
      </div>
      <div>
        <label className={labelClass} htmlFor="license">License</label>
        <select className={inputClass} id="license" name="license" defaultValue="apache-2.0">
          <option value="">No license yet</option>
          <optgroup label="Popular">
            {props.popular.map((l) => (
              <option key={`p-${l.id}`} value={l.id}>{l.id} — {l.name}</option>
            ))}
          </optgroup>
          <optgroup label="All licenses">
            {props.licenses.map((l) => (
              <option key={l.id} value={l.id}>{l.id} — {l.name}</option>
            ))}
          </optgroup>
        </select>
      </div>
      <fieldset className="space-y-2">
        <legend className={labelClass}>Visibility</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="visibility" value="public" defaultChecked /> Public: anyone can see and download it
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="visibility" value="private" /> Private: only you (or the organization's members) can see it
        </label>
      </fieldset>
      {state.error && <p role="alert" className="text-sm text-red-700">{state.error}</p>}
      <button className={buttonClass} disabled={pending} type="submit">
        {pending ? "Creating…" : "Create model"}
      </button>
    </form>
  );
}
