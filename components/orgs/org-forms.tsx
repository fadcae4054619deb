"use client";
import { useActionState } from "react";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/button-styles";

export type OrgActionState = { error?: string; done?: string };

type Action = (s: OrgActionState, f: FormData) => Promise<OrgActionState>;

export function NewOrgForm({ action }: { action: Action }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} className="space-y-3">
      <label className="block text-sm">
        Organization name
        <input className={inputClass} name="name" required maxLength={96} pattern="[A-Za-z0-9][A-Za-z0-9._\-]*" />
      </label>
      <button className={buttonClass} type="submit" disabled={pending}>Create organization</button>
      {state.error && <p className="text-sm text-red-700" role="alert">{state.error}</p>}
    </form>
  );
}

export function InviteForm({ org, action }: { org: string; action: Action }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} className="flex flex-wrap items-end gap-2 text-sm" data-testid="invite-form">
      <input type="hidden" name="org" value={org} />
      <label>User name<input className={inputClass} name="username" required /></label>
      <label>Role
        <select className={inputClass} name="role" defaultValue="write">
          <option value="read">read</option><option value="write">write</option><option value="admin">admin</option>
        </select>
      </label>
      <button className={secondaryButtonClass} type="submit" disabled={pending}>Invite</button>
      {state.error && <p className="w-full text-xs text-red-700" role="alert">{state.error}</p>}
      {state.done && <p className="w-full text-xs text-green-800">{state.done}</p>}
    </form>
  );
}
