"use server";
import { revalidatePath } from "next/cache";
import { sessionActor } from "@/lib/auth/current-actor";
import { formError } from "@/lib/http/form-error";
import { decideAccess, requestAccess, setGating, type AccessStatus } from "@/lib/gating/access";
import { repoFor } from "@/lib/repos/find-repo";
import { limitAction } from "@/lib/ratelimit/limit-action";
import type { GateState } from "@/components/gating/request-access-form";


export async function requestAccessAction(_prev: GateState, form: FormData): Promise<GateState> {
  try {
    const actor = await sessionActor();
    const repo = await repoFor(actor, String(form.get("owner")), String(form.get("repo")));
    await limitAction(actor, "comment");
    const answers: Record<string, string> = {};
    for (const [k, v] of form.entries()) if (k.startsWith("field:") && typeof v === "string") answers[k.slice(6)] = v;
    const r = await requestAccess(actor, repo, answers);
    revalidatePath(`/${repo.owner.username}/${repo.name}`);
    return { status: r.status };
  } catch (e) {
    return formError(e);
  }
}

export async function gatingAction(form: FormData): Promise<void> {
  const actor = await sessionActor();
  const repo = await repoFor(actor, String(form.get("owner")), String(form.get("repo")), "write");
  const what = String(form.get("do"));
  if (what === "mode") {
    const mode = String(form.get("mode"));
    await setGating(actor, repo, mode === "auto" || mode === "manual" ? mode : null);
  } else if (what === "decide") {
    await decideAccess(actor, repo, String(form.get("user")), String(form.get("status")) as AccessStatus, String(form.get("reason") ?? ""));
  }
  revalidatePath(`/${repo.owner.username}/${repo.name}`, "layout");
}
