"use server";
import { revalidatePath } from "next/cache";
import { repoBase } from "@/lib/repos/repo-type";
import { sessionActor } from "@/lib/auth/current-actor";
import { setLike } from "@/lib/community/likes";
import { repoFor } from "@/lib/repos/find-repo";
import { pageRepoType } from "./load-repo";
import { limitAction } from "@/lib/ratelimit/limit-action";

export async function toggleLikeAction(form: FormData): Promise<void> {
  const actor = await sessionActor();
  if (!actor) return;
  await limitAction(actor, "like");
  const repo = await repoFor(actor, String(form.get("owner")), String(form.get("repo")), "read", await pageRepoType());
  await setLike(actor.userId, repo.id, form.get("like") === "1");
  revalidatePath(`${repoBase(repo)}`);
}
