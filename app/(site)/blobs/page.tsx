import Link from "@/components/ui/link";
import { sessionActor } from "@/lib/auth/current-actor";
import { findBlobUses, type BlobLookup } from "@/lib/blobs/find-blob-uses";
import { HubError } from "@/lib/errors";
import { encodeRepoPath } from "@/components/model/repo-urls";
import { inputClass, secondaryButtonClass } from "@/components/ui/button-styles";
import { formatBytes } from "@/components/ui/format";

export const metadata = { title: "Find a file by sha256" };

export default async function BlobLookupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const query = typeof sp.sha256 === "string" ? sp.sha256.trim().toLowerCase() : "";
  let result: BlobLookup | null = null;
  let error: string | null = null;
  if (query) {
    try {
      result = await findBlobUses(await sessionActor(), query);
    } catch (e) {
      if (!(e instanceof HubError)) throw e;
      error = e.message;
    }
  }
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Find a file by its sha256</h1>
        <p className="mt-1 text-sm text-gray-600">
          Every repository, branch, tag and path that holds exactly this content (hashes are computed by the hub, never taken from uploaders).
        </p>
      </div>
      <form action="/blobs" className="flex gap-2" role="search">
        <input name="sha256" defaultValue={query} className={`${inputClass} font-mono`} placeholder="e.g. sha256sum model.safetensors" aria-label="sha256" maxLength={64} />
        <button type="submit" className={secondaryButtonClass}>Look up</button>
      </form>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      {result && (
        <section data-testid="blob-uses">
          {result.uses.length === 0 ? (
            <p className="text-sm text-gray-600">No repository you can see holds this content.</p>
          ) : (
            <>
              <p className="mb-3 text-sm text-gray-600">
                {formatBytes(result.size ?? 0)} · in {result.uses.length} repositor{result.uses.length === 1 ? "y" : "ies"}
              </p>
              <ul className="space-y-3">
                {result.uses.map((u) => (
                  <li key={u.repo} className="rounded-lg border border-gray-200 bg-white p-4 text-sm">
                    <Link href={`/${u.repo}`} className="font-mono font-semibold hover:underline">{u.repo}</Link>
                    {u.private && <span className="badge ml-2">private</span>}
                    <ul className="mt-2 space-y-1">
                      {u.revisions.map((r) => (
                        <li key={`${r.kind}:${r.name}`}>
                          <span className="text-gray-500">{r.kind}</span> <span className="font-mono">{r.name}</span>:{" "}
                          {r.paths.map((p) => (
                            <Link key={p} href={`/${u.repo}/blob/${encodeURIComponent(r.name)}/${encodeRepoPath(p)}`} className="mr-2 font-mono text-indigo-700 hover:underline">{p}</Link>
                          ))}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}
