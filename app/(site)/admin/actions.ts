"use server";
import { revalidatePath } from "next/cache";
import { sessionActor } from "@/lib/auth/current-actor";
import { formError } from "@/lib/http/form-error";
import { actOnTarget, type TargetAction } from "@/lib/moderation/act-on-target";
import { setRepoHidden, setUserSuspended } from "@/lib/moderation/admin";
import type { AdminState } from "@/components/moderation/admin-forms";


export async function actOnTargetAction(_prev: AdminState, form: FormData): Promise<AdminState> {
  try {
    const action = String(form.get("action")) as TargetAction;
    await actOnTarget(await sessionActor(), String(form.get("targetType")), String(form.get("targetId")), action, String(form.get("reason") ?? ""));
    revalidatePath("/admin/reports");
    return { done: action };
  } catch (e) {
    return formError(e);
  }
}

export async function suspendAction(_prev: AdminState, form: FormData): Promise<AdminState> {
  try {
    const suspend = form.get("suspend") === "1";
    await setUserSuspended(await sessionActor(), String(form.get("userId")), suspend, String(form.get("reason") ?? ""));
    revalidatePath(`/${String(form.get("username"))}`);
    return { done: suspend ? "suspended" : "unsuspended" };
  } catch (e) {
    return formError(e);
  }
}

export async function hideRepoAction(form: FormData): Promise<void> {
  await setRepoHidden(await sessionActor(), String(form.get("repoId")), form.get("hide") === "1", String(form.get("reason") ?? ""));
  revalidatePath(String(form.get("page") ?? "/"));
}
