"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import type { GateForm } from "@/lib/gating/gate-form";
import { buttonClass, inputClass } from "@/components/ui/button-styles";

export type GateState = { error?: string; status?: string };

export function RequestAccessForm({ owner, repo, form, action }: { owner: string; repo: string; form: GateForm; action: (s: GateState, f: FormData) => Promise<GateState> }) {
  const [state, run, pending] = useActionState(action, {});
  const router = useRouter();
  // the page around the form (its banner, the file links) shows the new standing at once
  useEffect(() => {
    if (state.status) router.refresh();
  }, [state.status, router]);
  if (state.status) {
    return <p role="status" className="text-sm">{state.status === "accepted" ? "Access granted: the files are yours to download." : "Request sent: the owners will review it."}</p>;
  }
  return (
    <form action={run} className="space-y-2" data-testid="request-access">
      <input type="hidden" name="owner" value={owner} />
      <input type="hidden" name="repo" value={repo} />
      {form.fields.map((f) => {
        const id = `gate-${f.name.replace(/\W+/g, "-")}`;
        if (f.type === "checkbox") {
          return <label key={f.name} className="flex items-center gap-2 text-sm"><input type="checkbox" name={`field:${f.name}`} required /> {f.name}</label>;
        }
        return (
          <div key={f.name}>
            <label className="block text-sm font-medium" htmlFor={id}>{f.name}</label>
            {f.type === "select" ? (
              <select id={id} name={`field:${f.name}`} className={inputClass} required defaultValue="">
                <option value="" disabled>Choose</option>
                {f.options!.map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
            ) : (
              <input id={id} name={`field:${f.name}`} className={inputClass} type={f.type === "date_picker" ? "date" : "text"} required maxLength={1000} />
            )}
          </div>
        );
      })}
      <button className={buttonClass} type="submit" disabled={pending}>{form.button ?? "Agree and ask for access"}</button>
      {state.error && <p className="text-sm text-red-700" role="alert">{state.error}</p>}
    </form>
  );
}
