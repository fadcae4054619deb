import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { allLicenses, findLicense, POPULAR_LICENSES } from "@/lib/licenses/catalog";
import { NewRepoForm } from "@/components/model/new-repo-form";
import { writableNamespaces } from "@/lib/orgs/orgs";
import { createRepoAction } from "./actions";

export const metadata = { title: "New model" };

export default async function NewRepoPage() {
  const actor = await sessionActor();
  if (!actor) redirect("/signin?callbackUrl=/new");
  const popular = POPULAR_LICENSES.map((id) => findLicense(id)!).filter(Boolean);
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-semibold">Create a new model repository</h1>
      <p className="mb-5 text-sm text-gray-600">A repository holds your model card, weights and their history.</p>
      <NewRepoForm owners={writableNamespaces(actor)} licenses={allLicenses().map(({ id, name }) => ({ id, name }))} popular={popular} action={createRepoAction} />
    </div>
  );
}
