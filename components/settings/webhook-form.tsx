"use client";
import { useActionState } from "react";
import { buttonClass, inputClass } from "@/components/ui/button-styles";

export type WebhookState = { error?: string; created?: string; values?: { url: string; events: string[] }; attempt?: number };

export function WebhookForm({ owner, repo, action }: { owner: string; repo: string; action: (s: WebhookState, f: FormData) => Promise<WebhookState> }) {
  const [state, run, pending] = useActionState(action, {});
  return (
    <form key={state.attempt ?? 0} action={run} className="space-y-2 rounded-lg border border-gray-200 bg-white p-4" data-testid="new-webhook">
      <input type="hidden" name="owner" value={owner} />
      <input type="hidden" name="repo" value={repo} />
      <input className={inputClass} name="url" type="url" placeholder="https://example.com/hooks/modelhub" aria-label="Payload URL" required defaultValue={state.values?.url} />
      <input className={inputClass} name="secret" type="password" minLength={16} maxLength={256} placeholder="Secret (16+ characters), used to sign payloads" aria-label="Secret" required autoComplete="new-password" />
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="sr-only">Events</legend>
        {([["repo", "Commits and settings"], ["discussion", "Discussions"], ["pr", "Pull requests"]] as const).map(([v, l]) => (
          <label key={v} className="flex items-center gap-1"><input type="checkbox" name="events" value={v} defaultChecked={state.values ? state.values.events.includes(v) : true} /> {l}</label>
        ))}
      </fieldset>
      <button className={buttonClass} type="submit" disabled={pending}>Add webhook</button>
      {state.error && <p className="text-sm text-red-700" role="alert">{state.error}</p>}
      {state.created && <p className="text-sm text-emerald-800" role="status">Webhook added for {state.created}. Keep the secret: it is not shown again.</p>}
    </form>
  );
}
