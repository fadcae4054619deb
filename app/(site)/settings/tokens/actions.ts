"use server";
import { revalidatePath } from "next/cache";
import { sessionActor } from "@/lib/auth/current-actor";
import { createToken, revokeToken } from "@/lib/auth/tokens";
import { HubError } from "@/lib/errors";
import { formError } from "@/lib/http/form-error";
import type { NewTokenState } from "@/components/settings/new-token-form";


export async function createTokenAction(_prev: NewTokenState, form: FormData): Promise<NewTokenState> {
  const actor = await sessionActor();
  if (!actor) return { error: "Sign in to manage tokens." };
  try {
    const name = String(form.get("name") ?? "");
    const role = form.get("role") === "read" ? "read" : form.get("role") === "write" ? "write" : null;
    if (!role) return { error: "Choose read or write." };
    const { token } = await createToken(actor.userId, name, role, String(form.get("repoId") ?? "") || null);
    revalidatePath("/settings/tokens");
    return { token, name };
  } catch (e) {
    return formError(e);
  }
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const actor = await sessionActor();
  if (!actor) return;
  await revokeToken(actor.userId, String(form.get("id") ?? "")).catch((e) => {
    if (!(e instanceof HubError)) throw e;
  });
  revalidatePath("/settings/tokens");
}
