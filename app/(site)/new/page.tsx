import { redirect } from "next/navigation";
import Link from "@/components/ui/link";
import { sessionActor } from "@/lib/auth/current-actor";
import { allLicenses, findLicense, POPULAR_LICENSES } from "@/lib/licenses/catalog";
import { NewRepoForm } from "@/components/model/new-repo-form";
import { writableNamespaces } from "@/lib/orgs/orgs";
import { createRepoAction } from "./actions";

export const metadata = { title: "New repository" };

export default async function NewRepoPage({ searchParams }: { searchParams: Promise<{ type?: string }> }) {
  const type = (await searchParams).type === "dataset" ? "dataset" : "model";
  const actor = await sessionActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(type === "dataset" ? "/new?type=dataset" : "/new")}`);
  const popular = POPULAR_LICENSES.map((id) => findLicense(id)!).filter(Boolean);
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
      <nav className="mb-4 flex gap-2 text-sm" aria-label="Kind of repository">
        <Link href="/new" className={`rounded px-2 py-1 ${type === "model" ? "bg-indigo-600 text-white" : "bg-gray-100 hover:bg-gray-200"}`}>Model</Link>
        <Link href="/new?type=dataset" className={`rounded px-2 py-1 ${type === "dataset" ? "bg-indigo-600 text-white" : "bg-gray-100 hover:bg-gray-200"}`}>Dataset</Link>
      </nav>
      <h1 className="mb-1 text-xl font-semibold">Create a new {type} repository</h1>
      <p className="mb-5 text-sm text-gray-600">
        {type === "dataset" ? "A dataset repository holds your data files (CSV, JSON Lines, Parquet), its dataset card and their history." : "A repository holds your model card, weights and their history."}
      </p>
      <NewRepoForm key={type} type={type} owners={writableNamespaces(actor)} licenses={allLicenses().map(({ id, name }) => ({ id, name }))} popular={popular} action={createRepoAction} />
    </div>
  );
}
