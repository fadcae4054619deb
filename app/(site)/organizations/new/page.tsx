import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { NewOrgForm } from "@/components/orgs/org-forms";
import { createOrgAction } from "../actions";

export const metadata = { title: "New organization" };

export default async function NewOrgPage() {
  if (!(await sessionActor())) redirect("/signin?callbackUrl=/organizations/new");
  return (
    <div className="mx-auto max-w-md rounded-lg border border-gray-200 bg-white p-6">
      <h1 className="mb-2 text-xl font-semibold">Create an organization</h1>
      <p className="mb-4 text-sm text-gray-600">Organizations own models together: admins manage members, writers publish, readers see private models.</p>
      <NewOrgForm action={createOrgAction} />
    </div>
  );
}
