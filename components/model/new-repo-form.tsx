"use client";
import { useActionState, useState } from "react";
import { buttonClass, inputClass, labelClass } from "@/components/ui/button-styles";
import { repoNameProblem } from "@/lib/repos/names";

export type NewRepoState = { error?: string };

type License = { id: string; name: string };

export function NewRepoForm(props: {
  owners: string[];
  licenses: License[];
  popular: License[];
  /** "model" or "dataset": the kind the form creates. */
  type?: "model" | "dataset";
  action: (s: NewRepoState, f: FormData) => Promise<NewRepoState>;
}) {
  const [state, formAction, pending] = useActionState(props.action, {});
  // the name's rule in words, as it is typed (the browser's own message would only say "match the format")
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  return (
    <form action={formAction} className="space-y-5">
      <input type="hidden" name="type" value={props.type ?? "model"} />
      <div>
        <label className={labelClass} htmlFor="name">{props.type === "dataset" ? "Dataset name" : "Model name"}</label>
        <div className="mt-1 flex flex-nowrap items-center gap-2">
          {props.owners.length > 1 ? (
            <select className={`${inputClass} w-auto`} name="owner" aria-label="Owner" defaultValue={props.owners[0]}>
              {props.owners.map((o) => <option key={o} value={o}>{o}</option>)}
            </select>
          ) : (
            <input type="hidden" name="owner" value={props.owners[0]} />
          )}
          <span className="shrink-0 whitespace-nowrap text-sm text-gray-600">{props.owners.length > 1 ? "/" : `${props.owners[0]} /`}</span>
          <input
            className={`${inputClass} min-w-0`}
            id="name"
            name="name"
            required
            maxLength={96}
            placeholder="my-model"
            aria-describedby="name-rule"
            aria-invalid={nameProblem ? true : undefined}
            onInput={(e) => {
              const problem = e.currentTarget.value ? repoNameProblem(e.currentTarget.value) : null;
              e.currentTarget.setCustomValidity(problem ?? "");
              setNameProblem(problem);
            }}
          />
        </div>
        <p id="name-rule" className={`mt-1 text-xs ${nameProblem ? "text-red-700" : "text-gray-500"}`} data-testid="name-rule">
          {nameProblem ?? "Letters, digits, '-', '_' and '.'; not starting or ending with '-' or '.'"}
        </p>
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
        {pending ? "Creating…" : props.type === "dataset" ? "Create dataset" : "Create model"}
      </button>
    </form>
  );
}
