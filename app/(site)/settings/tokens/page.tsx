import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { listTokens } from "@/lib/auth/tokens";
import { listRepos } from "@/lib/repos/list-repos";
import { NewTokenForm } from "@/components/settings/new-token-form";
import { secondaryButtonClass } from "@/components/ui/button-styles";
import { timeAgo } from "@/components/ui/format";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata = { title: "Access tokens" };

export default async function TokensPage() {
  const actor = await sessionActor();
  if (!actor) redirect("/signin?callbackUrl=/settings/tokens");
  const [tokens, { repos }] = await Promise.all([listTokens(actor.userId), listRepos({ actor, owner: actor.username, limit: 1000 })]);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Access tokens</h1>
        <p className="mt-1 text-sm text-gray-600">
          Tokens authenticate the Hugging Face clients and scripts (<code>Authorization: Bearer hf_…</code>). Read tokens download; write
          tokens also create repos and push commits. A scoped token reaches one repository only.
        </p>
      </div>
      <section className="rounded-lg border border-gray-200 bg-white p-4">
        <NewTokenForm repos={repos.map((r) => ({ id: r.id, name: `${r.owner.username}/${r.name}` }))} action={createTokenAction} />
      </section>
      <section className="overflow-hidden rounded-lg border border-gray-200 bg-white">
        <table className="w-full text-sm" data-testid="token-list">
          <thead className="bg-gray-50 text-left text-gray-600">
            <tr><th className="px-3 py-2">Name</th><th className="px-3 py-2">Role</th><th className="px-3 py-2">Scope</th><th className="px-3 py-2">Token</th><th className="px-3 py-2">Last used</th><th /></tr>
          </thead>
          <tbody>
            {tokens.length === 0 && (
              <tr><td className="px-3 py-4 text-gray-500" colSpan={6}>No tokens yet: create one below to sign in from the Python or JS client or git (a read token to download, a write token to publish).</td></tr>
            )}
            {tokens.map((t) => (
              <tr key={t.id} className={`border-t border-gray-100 ${t.revokedAt ? "text-gray-400" : ""}`}>
                <td className="px-3 py-2 font-medium">{t.name}</td>
                <td className="px-3 py-2">{t.role}</td>
                <td className="px-3 py-2 font-mono text-xs">{t.repo ?? "all repositories"}</td>
                <td className="px-3 py-2 font-mono text-xs">hf_…{t.hint}</td>
                <td className="px-3 py-2">{t.lastUsedAt ? timeAgo(t.lastUsedAt) : "never"}</td>
                <td className="px-3 py-2 text-right">
                  {t.revokedAt ? (
                    <span>revoked</span>
                  ) : (
                    <form action={revokeTokenAction}>
                      <input type="hidden" name="id" value={t.id} />
                      <button type="submit" className={secondaryButtonClass} aria-label={`Revoke ${t.name}`}>Revoke</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
