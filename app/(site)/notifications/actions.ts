"use server";
import { revalidatePath } from "next/cache";
import { sessionActor } from "@/lib/auth/current-actor";
import { markRead } from "@/lib/community/notifications";

export async function markReadAction(form: FormData): Promise<void> {
  const actor = await sessionActor();
  if (!actor) return;
  const id = form.get("id");
  await markRead(actor.userId, id ? [String(id)] : "all");
  revalidatePath("/", "layout");
}
