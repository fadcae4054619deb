"use server";
import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { createRepo } from "@/lib/repos/create-repo";
import { repoHref } from "@/lib/repos/repo-type";
import { namespaceOwner } from "@/lib/orgs/orgs";
import { formError } from "@/lib/http/form-error";
import { limitAction } from "@/lib/ratelimit/limit-action";
import type { NewRepoState } from "@/components/model/new-repo-form";


export async function createRepoAction(_prev: NewRepoState, form: FormData): Promise<NewRepoState> {
  const actor = await sessionActor();
  if (!actor) return { error: "Sign in to create a model." };
  let path: string;
  try {
    await limitAction(actor, "create-repo");
    const repo = await createRepo({
      owner: await namespaceOwner(actor, String(form.get("owner") ?? actor.username)),
      author: { id: actor.userId, username: actor.username, email: actor.email },
      name: String(form.get("name") ?? "").trim(),
      type: form.get("type") === "dataset" ? "dataset" : "model",
      private: form.get("visibility") === "private",
      license: String(form.get("license") ?? "") || null,
      withReadme: true,
    });
    path = repoHref({ type: form.get("type") === "dataset" ? "dataset" : "model", owner: repo.owner, name: repo.name });
  } catch (e) {
    return formError(e);
  }
  redirect(path);
}
