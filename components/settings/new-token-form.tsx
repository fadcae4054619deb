"use client";
import { useActionState } from "react";
import { buttonClass, inputClass, labelClass } from "@/components/ui/button-styles";

export type NewTokenState = { error?: string; token?: string; name?: string };

export function NewTokenForm(props: { repos: { id: string; name: string }[]; action: (s: NewTokenState, f: FormData) => Promise<NewTokenState> }) {
  const [state, formAction, pending] = useActionState(props.action, {});
  return (
    <div className="space-y-4">
      {state.token && (
        <div className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm" role="status">
          <p className="font-semibold">Token “{state.name}” created. Copy it now: it will not be shown again.</p>
          <code className="mt-2 block break-all rounded bg-white p-2 font-mono" data-testid="new-token">{state.token}</code>
        </div>
      )}
      <form action={formAction} className="grid gap-4 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end">
        <div>
          <label className={labelClass} htmlFor="token-name">Name</label>
          <input id="token-name" name="name" className={inputClass} required maxLength={100} placeholder="e.g. laptop, CI" />
        </div>
        <div>
          <label className={labelClass} htmlFor="token-role">Role</label>
          <select id="token-role" name="role" className={inputClass} defaultValue="read">
            <option value="read">read</option>
            <option value="write">write</option>
          </select>
        </div>
        <div>
          <label className={labelClass} htmlFor="token-repo">Scope</label>
          <select id="token-repo" name="repoId" className={inputClass} defaultValue="">
            <option value="">All my repositories</option>
            {props.repos.map((r) => (
              <option key={r.id} value={r.id}>{r.name}</option>
            ))}
          </select>
        </div>
        <button className={buttonClass} disabled={pending} type="submit">{pending ? "Creating…" : "Create token"}</button>
      </form>
      {state.error && <p role="alert" className="text-sm text-red-700">{state.error}</p>}
    </div>
  );
}
