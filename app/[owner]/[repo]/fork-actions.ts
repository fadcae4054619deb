"use server";
import { revalidatePath } from "next/cache";
import { repoBase, repoHref } from "@/lib/repos/repo-type";
import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { formError } from "@/lib/http/form-error";
import { forkRepo } from "@/lib/forks/fork-repo";
import { namespaceOwner } from "@/lib/orgs/orgs";
import { syncFromUpstream } from "@/lib/forks/upstream-status";
import { repoFor } from "@/lib/repos/find-repo";
import { pageRepoType } from "./load-repo";
import { limitAction } from "@/lib/ratelimit/limit-action";
import { assertFileAccess } from "@/lib/gating/access";
import type { ActionState } from "@/components/lineage/fork-form";


export async function forkAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let target: string;
  try {
    const actor = await sessionActor();
    if (!actor) return { error: "Sign in to fork this model." };
    const source = await repoFor(actor, String(form.get("owner")), String(form.get("repo")), "read", await pageRepoType());
    await limitAction(actor, "fork");
    await assertFileAccess(actor, source, null);
    const owner = await namespaceOwner(actor, String(form.get("namespace") ?? actor.username));
    const made = await forkRepo({ owner, actor: { id: actor.userId }, source, name: String(form.get("name") ?? ""), private: form.get("private") === "on" });
    target = repoHref({ type: source.type, owner: made.owner, name: made.name });
  } catch (e) {
    return formError(e);
  }
  redirect(target);
}

export async function syncAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const actor = await sessionActor();
    const repo = await repoFor(actor, String(form.get("owner")), String(form.get("repo")), "write", await pageRepoType());
    const r = await syncFromUpstream(actor, repo);
    revalidatePath(`${repoBase(repo)}`, "layout");
    return { done: r.behindBefore ? `Synced ${r.behindBefore} commit(s) from upstream.` : "Already up to date." };
  } catch (e) {
    return formError(e);
  }
}
