"use server";
import { revalidatePath } from "next/cache";
import { repoBase } from "@/lib/repos/repo-type";
import { sessionActor } from "@/lib/auth/current-actor";
import { formError } from "@/lib/http/form-error";
import { decideAccess, requestAccess, setGating, type AccessStatus } from "@/lib/gating/access";
import { repoFor } from "@/lib/repos/find-repo";
import { pageRepoType } from "./load-repo";
import { limitAction } from "@/lib/ratelimit/limit-action";
import type { GateState } from "@/components/gating/request-access-form";


export async function requestAccessAction(_prev: GateState, form: FormData): Promise<GateState> {
  try {
    const actor = await sessionActor();
    const repo = await repoFor(actor, String(form.get("owner")), String(form.get("repo")), "read", await pageRepoType());
    await limitAction(actor, "comment");
    const answers: Record<string, string> = {};
    for (const [k, v] of form.entries()) if (k.startsWith("field:") && typeof v === "string") answers[k.slice(6)] = v;
    const r = await requestAccess(actor, repo, answers);
    revalidatePath(`${repoBase(repo)}`);
    return { status: r.status };
  } catch (e) {
    return formError(e);
  }
}

export async function gatingAction(form: FormData): Promise<void> {
  const actor = await sessionActor();
  const repo = await repoFor(actor, String(form.get("owner")), String(form.get("repo")), "write", await pageRepoType());
  const what = String(form.get("do"));
  if (what === "mode") {
    const mode = String(form.get("mode"));
    await setGating(actor, repo, mode === "auto" || mode === "manual" ? mode : null);
  } else if (what === "decide") {
    await decideAccess(actor, repo, String(form.get("user")), String(form.get("status")) as AccessStatus, String(form.get("reason") ?? ""));
  }
  revalidatePath(`${repoBase(repo)}`, "layout");
}
