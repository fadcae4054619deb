"use client";
import { useActionState } from "react";
import { inputClass, secondaryButtonClass } from "@/components/ui/button-styles";

export type AdminState = { error?: string; done?: string };

type Action = (s: AdminState, f: FormData) => Promise<AdminState>;

/** The actions an admin can take on one reported target, with an optional reason for the audit log. */
export function TargetActions({ targetType, targetId, hidden, action }: { targetType: string; targetId: string; hidden: boolean; action: Action }) {
  const [state, run, pending] = useActionState(action, {});
  const choices: [string, string][] = [
    ...(targetType === "user" ? [] : [[hidden ? "unhide" : "hide", hidden ? "Unhide" : "Hide"] as [string, string]]),
    ...(targetType === "discussion" ? [["lock", "Lock"] as [string, string]] : []),
    ["suspend-author", targetType === "user" ? "Suspend user" : targetType === "repo" ? "Suspend owner" : "Suspend author"],
    ["dismiss", "Dismiss"],
  ];
  return (
    <form action={run} className="flex flex-wrap items-center gap-2" data-testid="target-actions">
      <input type="hidden" name="targetType" value={targetType} />
      <input type="hidden" name="targetId" value={targetId} />
      <input className={`${inputClass} max-w-xs`} name="reason" placeholder="Reason (audit log)" aria-label="Reason" maxLength={1000} />
      {choices.map(([v, l]) => (
        <button key={v} className={secondaryButtonClass} type="submit" name="action" value={v} disabled={pending}>{l}</button>
      ))}
      {state.error && <span className="text-sm text-red-700" role="alert">{state.error}</span>}
      {state.done && <span className="text-sm text-emerald-800" role="status">Done: {state.done}</span>}
    </form>
  );
}

export function SuspendForm({ userId, username, suspended, action }: { userId: string; username: string; suspended: boolean; action: Action }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form action={run} className="flex flex-wrap items-center gap-2 rounded border border-red-200 bg-red-50 p-2 text-sm" data-testid="suspend-form">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="username" value={username} />
      <input type="hidden" name="suspend" value={suspended ? "0" : "1"} />
      <span className="font-medium">Admin:</span>
      {!suspended && <input className={`${inputClass} max-w-xs`} name="reason" placeholder="Reason" aria-label="Suspension reason" maxLength={1000} />}
      <button className={secondaryButtonClass} type="submit" disabled={pending}>{suspended ? "Lift suspension" : "Suspend user"}</button>
      {state.error && <span className="text-red-700" role="alert">{state.error}</span>}
    </form>
  );
}
