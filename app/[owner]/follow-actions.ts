"use server";
import { revalidatePath } from "next/cache";
import { sessionActor } from "@/lib/auth/current-actor";
import { findUserByUsername } from "@/lib/auth/users";
import { setFollow } from "@/lib/community/follows";
import { limitAction } from "@/lib/ratelimit/limit-action";

export async function followAction(form: FormData): Promise<void> {
  const actor = await sessionActor();
  const target = await findUserByUsername(String(form.get("user")));
  if (!actor || !target || target.id === actor.userId) return;
  await limitAction(actor, "like");
  await setFollow(actor.userId, target.id, form.get("follow") === "1");
  revalidatePath(`/${target.username}`);
}
