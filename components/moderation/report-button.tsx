"use client";
import { useActionState } from "react";
import { buttonClass, inputClass } from "@/components/ui/button-styles";

export type ReportState = { error?: string; done?: boolean };

const REASONS: [string, string][] = [
  ["spam", "Spam or advertising"],
  ["abuse", "Harassment or hateful content"],
  ["malware", "Malicious code or files"],
  ["illegal", "Illegal content"],
  ["license", "License or copyright violation"],
  ["impersonation", "Impersonation"],
  ["other", "Something else"],
];

type Target = { targetType: "repo" | "discussion" | "comment" | "user"; targetRepo?: string; num?: number; commentId?: string; username?: string };

/** "Report" disclosure with a reason list; works as a plain form. */
export function ReportButton({ target, action, label = "Report" }: { target: Target; action: (s: ReportState, f: FormData) => Promise<ReportState>; label?: string }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <details className="relative inline-block text-xs" data-testid="report">
      <summary className="cursor-pointer text-gray-500 hover:text-red-700">{label}</summary>
      <form action={run} className="absolute right-0 z-20 mt-1 w-72 space-y-2 rounded border border-gray-200 bg-white p-3 text-left shadow">
        {Object.entries(target).map(([k, v]) => v !== undefined && <input key={k} type="hidden" name={k} value={String(v)} />)}
        {state.done ? (
          <p role="status" className="text-emerald-800">Thanks: the site moderators will review it.</p>
        ) : (
          <>
            <label className="block font-medium" htmlFor={`reason-${target.targetType}-${target.commentId ?? target.num ?? ""}`}>Why are you reporting this?</label>
            <select id={`reason-${target.targetType}-${target.commentId ?? target.num ?? ""}`} name="reason" className={inputClass} required defaultValue="">
              <option value="" disabled>Choose a reason</option>
              {REASONS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </select>
            <textarea name="details" className={inputClass} rows={2} maxLength={2000} placeholder="Details (optional)" aria-label="Details" />
            <button className={buttonClass} type="submit" disabled={pending}>Send report</button>
            {state.error && <p className="text-red-700" role="alert">{state.error}</p>}
          </>
        )}
      </form>
    </details>
  );
}
