// A user's account security: recent sign-ins (successes and failures), a new
// password, and ending every session at once.
import { redirect } from "next/navigation";
import { ChangePasswordForm, SignOutEverywhereForm } from "@/components/auth/security-forms";
import { SignInTable } from "@/components/auth/sign-in-table";
import { sessionActor } from "@/lib/auth/current-actor";
import { signInHistory } from "@/lib/auth/sign-in";
import { changePasswordAction, signOutEverywhereAction } from "./actions";

export const metadata = { title: "Security" };

export default async function SecurityPage() {
  const actor = await sessionActor();
  if (!actor) redirect("/signin?callbackUrl=/settings/security");
  const history = await signInHistory(actor.userId);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-2xl font-bold">Security</h1>
      <section className="space-y-3 rounded-lg border border-gray-200 bg-white p-4">
        <h2 className="font-semibold">Sessions</h2>
        <p className="text-sm text-gray-600">Signs out every browser where you are signed in, this one included. API tokens are managed on the Tokens page.</p>
        <SignOutEverywhereForm action={signOutEverywhereAction} />
      </section>
      <section className="space-y-3 rounded-lg border border-gray-200 bg-white p-4">
        <h2 className="font-semibold">Password</h2>
        <p className="text-sm text-gray-600">A new password signs you out everywhere.</p>
        <ChangePasswordForm action={changePasswordAction} />
      </section>
      <section className="space-y-2">
        <h2 className="font-semibold">Recent sign-ins</h2>
        <SignInTable rows={history} showUser={false} />
      </section>
    </div>
  );
}
