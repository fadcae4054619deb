"use client";
import { useActionState, useEffect, useRef, useState } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { buttonClass, inputClass, labelClass } from "@/components/ui/button-styles";

export type SignUpState = { error?: string; ok?: boolean };

export function SignUpForm({ action }: { action: (s: SignUpState, f: FormData) => Promise<SignUpState> }) {
  // React resets the form after the action: keep the credentials to sign in with.
  const credentials = useRef<{ login: string; password: string } | null>(null);
  const [state, formAction, pending] = useActionState(async (prev: SignUpState, data: FormData) => {
    credentials.current = { login: String(data.get("username") ?? ""), password: String(data.get("password") ?? "") };
    return action(prev, data);
  }, {});
  const [signInError, setSignInError] = useState<string | null>(null);
  const router = useRouter();

  useEffect(() => {
    if (!state.ok || !credentials.current) return;
    // The account exists: sign in with the same credentials.
    signIn("credentials", { ...credentials.current, redirect: false }).then((r) => {
      if (r?.ok) {
        router.push("/");
        router.refresh();
      } else setSignInError("Your account was created, but signing in failed. Try the sign-in page.");
    });
  }, [state, router]);

  return (
    <form action={formAction} className="space-y-4">
      <div>
        <label className={labelClass} htmlFor="username">User name</label>
        <input className={inputClass} id="username" name="username" required minLength={2} maxLength={39} pattern="[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?" autoComplete="username" />
        <p className="mt-1 text-xs text-gray-500">Your namespace: your models live at /your-name/model-name.</p>
      </div>
      <div>
        <label className={labelClass} htmlFor="email">Email</label>
        <input className={inputClass} id="email" name="email" type="email" required autoComplete="email" />
      </div>
      <div>
        <label className={labelClass} htmlFor="password">Password</label>
        <input className={inputClass} id="password" name="password" type="password" required minLength={8} autoComplete="new-password" />
      </div>
      {(state.error || signInError) && <p role="alert" className="text-sm text-red-700">{state.error ?? signInError}</p>}
      <button className={buttonClass} disabled={pending || state.ok} type="submit">
        {pending ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
