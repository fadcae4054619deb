import Link from "next/link";
import { sessionActor } from "@/lib/auth/current-actor";
import { listRepos } from "@/lib/repos/list-repos";
import { RepoList } from "@/components/model/repo-list";
import { inputClass, secondaryButtonClass } from "@/components/ui/button-styles";

export const metadata = { title: "Models" };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function ModelsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const search = one(sp.search)?.slice(0, 100) ?? "";
  const page = await listRepos({ actor: await sessionActor(), search, cursor: one(sp.cursor), limit: 30 });
  const next = new URLSearchParams({ ...(search ? { search } : {}), ...(page.nextCursor ? { cursor: page.nextCursor } : {}) });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-bold">Models</h1>
        <form className="flex w-full max-w-md gap-2" action="/models" role="search">
          <input className={inputClass} type="search" name="search" defaultValue={search} placeholder="Filter by name, e.g. alice/bert" aria-label="Search models" />
          <button className={secondaryButtonClass} type="submit">Search</button>
        </form>
      </div>
      <p className="text-xs text-gray-500">
        Have a file? <Link href="/blobs" className="text-indigo-700 hover:underline">Find where it is published by its sha256</Link>.
      </p>
      <RepoList repos={page.repos} />
      <nav className="flex gap-3">
        {sp.cursor && (
          <Link className={secondaryButtonClass} href={search ? `/models?search=${encodeURIComponent(search)}` : "/models"}>
            ← Newest
          </Link>
        )}
        {page.nextCursor && (
          <Link className={secondaryButtonClass} href={`/models?${next}`} rel="next">
            Next page →
          </Link>
        )}
      </nav>
    </div>
  );
}
