// Every recent sign-in attempt across the hub (site admins only), or only the failures.
import Link from "@/components/ui/link";
import { notFound, redirect } from "next/navigation";
import { SignInTable } from "@/components/auth/sign-in-table";
import { canAdminister } from "@/lib/auth/can";
import { sessionActor } from "@/lib/auth/current-actor";
import { recentSignIns } from "@/lib/auth/sign-in";

export const metadata = { title: "Sign-ins" };

export default async function SignInsPage({ searchParams }: { searchParams: Promise<{ failures?: string }> }) {
  const actor = await sessionActor();
  if (!actor) redirect("/signin?callbackUrl=/admin/sign-ins");
  if (!canAdminister(actor, "view")) notFound();
  const failuresOnly = (await searchParams).failures === "1";
  const rows = await recentSignIns({ failuresOnly, take: 200 });
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-4">
        <h1 className="text-2xl font-bold">Sign-ins</h1>
        <Link className="text-sm text-indigo-700 hover:underline" href={failuresOnly ? "/admin/sign-ins" : "/admin/sign-ins?failures=1"}>{failuresOnly ? "All attempts" : "Failures only"}</Link>
        <Link className="ml-auto text-sm text-indigo-700 hover:underline" href="/admin/audit-log">Audit log</Link>
      </div>
      <SignInTable rows={rows} showUser />
    </div>
  );
}
