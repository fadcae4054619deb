"use client";
// Account security: change the password (which ends every session) and sign out everywhere.
import { useActionState } from "react";
import { buttonClass, inputClass, labelClass, secondaryButtonClass } from "@/components/ui/button-styles";

export type SecurityState = { error?: string; done?: string };
type Action = (prev: SecurityState, form: FormData) => Promise<SecurityState>;

export function ChangePasswordForm({ action }: { action: Action }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} className="space-y-3" data-testid="change-password">
      <div>
        <label className={labelClass} htmlFor="current">Current password</label>
        <input className={inputClass} id="current" name="current" type="password" required autoComplete="current-password" />
      </div>
      <div>
        <label className={labelClass} htmlFor="next">New password (at least 10 characters)</label>
        <input className={inputClass} id="next" name="next" type="password" required minLength={10} autoComplete="new-password" />
      </div>
      {state.error && <p role="alert" className="text-sm text-red-700">{state.error}</p>}
      <button className={buttonClass} disabled={pending} type="submit">{pending ? "Saving…" : "Change password"}</button>
    </form>
  );
}

export function SignOutEverywhereForm({ action }: { action: Action }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} className="space-y-2">
      <button className={secondaryButtonClass} disabled={pending} type="submit" data-testid="sign-out-everywhere">Sign out everywhere</button>
      {state.error && <p role="alert" className="text-sm text-red-700">{state.error}</p>}
    </form>
  );
}
