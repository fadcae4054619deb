// Repo settings for its writers: gated access with its requests, webhooks with their delivery logs.
import { notFound, redirect } from "next/navigation";
import { repoBase } from "@/lib/repos/repo-type";
import { can } from "@/lib/auth/can";
import { listDeliveries, listWebhooks } from "@/lib/webhooks/webhooks";
import { RepoTabs } from "@/components/model/repo-tabs";
import { WebhookForm } from "@/components/settings/webhook-form";
import { loadRepoForPage } from "../load-repo";
import { RepoHeader } from "../repo-header";
import { addWebhookAction, deleteRepoAction, forcePushAction, manageWebhookAction, renameAction, visibilityAction } from "./actions";
import { DeleteForm, RenameForm, VisibilityForm } from "@/components/settings/repo-admin-forms";
import { writableNamespaces } from "@/lib/orgs/orgs";
import { forcePushesAllowed } from "@/lib/repos/manage-repo";
import { gatingAction } from "../gate-actions";
import { listAccessRequests } from "@/lib/gating/access";

type Props = { params: Promise<{ owner: string; repo: string }> };

export const metadata = { title: "Settings" };

export default async function RepoSettingsPage({ params }: Props) {
  const { owner, repo: name } = await params;
  const { actor, repo } = await loadRepoForPage(owner, name);
  if (!actor) redirect(`/signin?callbackUrl=/${owner}/${name}/settings`);
  if (!can(actor, "write", repo)) notFound();
  const allowForcePush = await forcePushesAllowed(repo.id);
  const requests = repo.gated ? await listAccessRequests(actor, repo) : [];
  const hooks = await Promise.all((await listWebhooks(repo.id)).map(async (w) => ({ ...w, deliveries: await listDeliveries(repo.id, w.id, 20) })));
  // a one-click form: the repo, these hidden fields, one action
  const actionButton = (action: (f: FormData) => Promise<void>) => (fields: Record<string, string>, label: string) => (
    <form action={action} className="inline">
      <input type="hidden" name="owner" value={owner} />
      <input type="hidden" name="repo" value={name} />
      {Object.entries(fields).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <button className="text-xs text-indigo-700 hover:underline" type="submit">{label}</button>
    </form>
  );
  const gateButton = actionButton(gatingAction);
  const button = actionButton(manageWebhookAction);
  return (
    <div className="space-y-4">
      <RepoHeader repo={repo} actor={actor} />
      <RepoTabs base={`${repoBase(repo)}`} rev="main" active="settings" showSettings={can(actor, "write", repo)} />
      <h2 className="text-lg font-semibold">Visibility</h2>
      <VisibilityForm repo={{ owner, name }} isPrivate={repo.private} action={visibilityAction} />
      <h2 className="text-lg font-semibold">Gated access</h2>
      <form action={gatingAction} className="flex flex-wrap items-center gap-4 rounded-lg border border-gray-200 bg-white p-4 text-sm" data-testid="gating">
        <input type="hidden" name="owner" value={owner} />
        <input type="hidden" name="repo" value={name} />
        <input type="hidden" name="do" value="mode" />
        {[["off", "Open to everyone"], ["auto", "Gated, approved at once"], ["manual", "Gated, approved by hand"]].map(([v, l]) => (
          <label key={v} className="flex items-center gap-1"><input type="radio" name="mode" value={v} defaultChecked={(repo.gated ?? "off") === v} /> {l}</label>
        ))}
        <button className="rounded border border-gray-300 px-2 py-1" type="submit">Save</button>
        <span className="w-full text-xs text-gray-500">The card (README.md) stays public. Ask for details with <code>extra_gated_fields</code> (and <code>extra_gated_prompt</code>) in its metadata.</span>
      </form>
      {repo.gated && (
        <table className="w-full rounded-lg border border-gray-200 bg-white text-sm" data-testid="access-requests">
          <thead className="bg-gray-50 text-left text-xs text-gray-600"><tr><th className="px-3 py-2">User</th><th className="px-3 py-2">Answers</th><th className="px-3 py-2">Status</th><th className="px-3 py-2" /></tr></thead>
          <tbody className="divide-y divide-gray-100">
            {requests.map((r) => (
              <tr key={r.user} data-testid="access-request">
                <td className="px-3 py-1.5">{r.user}</td>
                <td className="px-3 py-1.5 text-xs">{Object.entries(r.fields).map(([k, v]) => `${k}: ${String(v)}`).join(" · ")}</td>
                <td className="px-3 py-1.5">{r.status}{r.decidedBy ? ` by ${r.decidedBy}` : ""}</td>
                <td className="space-x-3 px-3 py-1.5 text-right">
                  {r.status !== "accepted" && gateButton({ do: "decide", user: r.user, status: "accepted" }, "Accept")}
                  {r.status !== "rejected" && gateButton({ do: "decide", user: r.user, status: "rejected" }, "Reject")}
                </td>
              </tr>
            ))}
            {!requests.length && <tr><td className="px-3 py-1.5 text-gray-500">No requests yet.</td></tr>}
          </tbody>
        </table>
      )}
      <h2 className="text-lg font-semibold">Git</h2>
      <form action={forcePushAction} className="flex flex-wrap items-center gap-4 rounded-lg border border-gray-200 bg-white p-4 text-sm" data-testid="force-push">
        <input type="hidden" name="owner" value={owner} />
        <input type="hidden" name="repo" value={name} />
        <label className="flex items-center gap-2">
          <input type="checkbox" name="allowForcePush" defaultChecked={allowForcePush} /> Allow <code>git push --force</code> to rewrite the history of <code>main</code>
        </label>
        <button className="rounded border border-gray-300 px-2 py-1" type="submit">Save</button>
        <span className="w-full text-xs text-gray-500">Off by default: a push that is not a fast-forward of main is refused. Other branches can always be force-pushed by writers.</span>
      </form>
      <h2 className="text-lg font-semibold">Webhooks</h2>
      <p className="text-sm text-gray-600">
        Each event is POSTed as JSON with <code>X-Modelhub-Event</code>, <code>X-Modelhub-Delivery</code> and{" "}
        <code>X-Modelhub-Signature-256: sha256=HMAC(secret, body)</code>. Failed deliveries are retried with growing delays (6 attempts).
      </p>
      <ul className="space-y-3" data-testid="webhooks">
        {hooks.map((w) => (
          <li key={w.id} className="space-y-2 rounded-lg border border-gray-200 bg-white p-4 text-sm">
            <div className="flex flex-wrap items-center gap-3">
              <span className="font-mono">{w.url}</span>
              <span className="text-xs text-gray-500">{w.events.join(", ")}</span>
              {!w.active && <span className="rounded bg-gray-100 px-1.5 text-xs">disabled</span>}
              <span className="ml-auto flex gap-3">
                {button({ webhookId: w.id, do: w.active ? "disable" : "enable" }, w.active ? "Disable" : "Enable")}
                {button({ webhookId: w.id, do: "delete" }, "Delete")}
              </span>
            </div>
            <table className="w-full text-xs" data-testid="deliveries">
              <tbody className="divide-y divide-gray-100">
                {w.deliveries.map((d) => (
                  <tr key={d.id}>
                    <td className="py-1 font-mono">{d.createdAt.toISOString().slice(0, 19).replace("T", " ")}</td>
                    <td className="py-1">{d.event}</td>
                    <td className={`py-1 ${d.status === "delivered" ? "text-emerald-700" : d.status === "failed" ? "text-red-700" : "text-gray-600"}`}>{d.status}</td>
                    <td className="py-1">{d.responseStatus ?? ""} {d.error ?? ""}</td>
                    <td className="py-1">{d.attempts} attempt{d.attempts === 1 ? "" : "s"}{d.durationMs !== null ? `, ${d.durationMs} ms` : ""}</td>
                    <td className="py-1 text-right">{button({ webhookId: w.id, do: "redeliver", deliveryId: d.id }, "Redeliver")}</td>
                  </tr>
                ))}
                {!w.deliveries.length && <tr><td className="py-1 text-gray-500">No deliveries yet.</td></tr>}
              </tbody>
            </table>
          </li>
        ))}
      </ul>
      <WebhookForm owner={owner} repo={name} action={addWebhookAction} />
      <h2 className="text-lg font-semibold">Rename or move</h2>
      <RenameForm repo={{ owner, name }} namespaces={writableNamespaces(actor)} action={renameAction} />
      <h2 className="text-lg font-semibold text-red-700">Danger zone</h2>
      <DeleteForm repo={{ owner, name }} action={deleteRepoAction} />
    </div>
  );
}
