// The gate on a gated model's page: what the owners ask, and where the visitor stands.
import Link from "@/components/ui/link";
import type { GateForm, } from "@/lib/gating/gate-form";
import type { GateStatus } from "@/lib/gating/access";
import { RequestAccessForm, type GateState } from "./request-access-form";

type Props = { owner: string; repo: string; mode: string; status: GateStatus; form: GateForm; signedIn: boolean; action: (prev: GateState, form: FormData) => Promise<GateState> };

export function GatePanel({ owner, repo, mode, status, form, signedIn, action }: Props) {
  if (status === "open") return null;
  if (status === "accepted") {
    return (
      <section className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm" data-testid="gate">
        <p data-testid="gate-status">You have been granted access to this model: its files are yours to download.</p>
      </section>
    );
  }
  return (
    <section className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="gate">
      <h2 className="font-semibold">{form.heading ?? "You need to agree to share your contact information to access this model"}</h2>
      {form.prompt && <p className="whitespace-pre-wrap">{form.prompt}</p>}
      <p className="text-gray-700">
        The card and the file list are public; downloading files needs access{mode === "manual" ? ", which the owners grant by hand" : ", granted as soon as you ask"}.
      </p>
      {status === "pending" ? (
        <p data-testid="gate-status">Your request is pending review by the owners.</p>
      ) : !signedIn ? (
        <p><Link className="text-indigo-700 hover:underline" href={`/signin?callbackUrl=/${owner}/${repo}`}>Sign in</Link> to ask for access.</p>
      ) : (
        <>
          {status === "rejected" && <p data-testid="gate-status" className="text-red-700">Your earlier request was declined. You may ask again.</p>}
          <RequestAccessForm owner={owner} repo={repo} form={form} action={action} />
        </>
      )}
    </section>
  );
}
