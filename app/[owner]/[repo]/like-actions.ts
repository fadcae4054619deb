"use server";
import { revalidatePath } from "next/cache";
import { sessionActor } from "@/lib/auth/current-actor";
import { setLike } from "@/lib/community/likes";
import { repoFor } from "@/lib/repos/find-repo";
import { limitAction } from "@/lib/ratelimit/limit-action";

export async function toggleLikeAction(form: FormData): Promise<void> {
  const actor = await sessionActor();
  if (!actor) return;
  await limitAction(actor, "like");
  const repo = await repoFor(actor, String(form.get("owner")), String(form.get("repo")));
  await setLike(actor.userId, repo.id, form.get("like") === "1");
  revalidatePath(`/${repo.owner.username}/${repo.name}`);
}
