"use server";
import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { endAllSessions } from "@/lib/auth/sessions";
import { changePassword } from "@/lib/auth/users";
import { formError } from "@/lib/http/form-error";
import type { SecurityState } from "@/components/auth/security-forms";

export async function changePasswordAction(_prev: SecurityState, form: FormData): Promise<SecurityState> {
  const actor = await sessionActor();
  if (!actor) return { error: "Sign in first." };
  try {
    await changePassword(actor.userId, String(form.get("current") ?? ""), String(form.get("next") ?? ""));
  } catch (e) {
    return formError(e);
  }
  redirect("/signin?callbackUrl=/settings/security");
}

export async function signOutEverywhereAction(): Promise<SecurityState> {
  const actor = await sessionActor();
  if (!actor) return { error: "Sign in first." };
  await endAllSessions(actor.userId);
  redirect("/signin");
}
