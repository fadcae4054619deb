"use server";
import { revalidatePath } from "next/cache";
import { repoBase, repoHref } from "@/lib/repos/repo-type";
import { sessionActor } from "@/lib/auth/current-actor";
import { HubError } from "@/lib/errors";
import { repoFor } from "@/lib/repos/find-repo";
import { pageRepoType } from "../load-repo";
import { redirect } from "next/navigation";
import { formError } from "@/lib/http/form-error";
import { deleteRepo, setForcePushes, setRepoVisibility } from "@/lib/repos/manage-repo";
import { moveRepo } from "@/lib/repos/move-repo";
import type { AdminState } from "@/components/settings/repo-admin-forms";
import { createWebhook, deleteWebhook, redeliver, setWebhookActive } from "@/lib/webhooks/webhooks";
import type { WebhookState } from "@/components/settings/webhook-form";

/** After an error the form keeps what was typed (except the secret); `attempt` re-mounts it with those values. */

async function writable(form: FormData) {
  const repo = await repoFor(await sessionActor(), String(form.get("owner")), String(form.get("repo")), "write", await pageRepoType());
  return { repo, page: `${repoBase(repo)}/settings` };
}

export async function addWebhookAction(prev: WebhookState, form: FormData): Promise<WebhookState> {
  const attempt = (prev.attempt ?? 0) + 1;
  try {
    const { repo, page } = await writable(form);
    const actor = (await sessionActor())!;
    const w = await createWebhook(repo.id, actor.userId, { url: String(form.get("url") ?? ""), secret: String(form.get("secret") ?? ""), events: form.getAll("events").map(String) });
    revalidatePath(page);
    return { created: w.url, attempt };
  } catch (e) {
    if (e instanceof HubError) return { error: e.message, attempt, values: { url: String(form.get("url") ?? ""), events: form.getAll("events").map(String) } };
    throw e;
  }
}

export async function manageWebhookAction(form: FormData): Promise<void> {
  const { repo, page } = await writable(form);
  const id = String(form.get("webhookId"));
  const what = String(form.get("do"));
  if (what === "delete") await deleteWebhook(repo.id, id);
  else if (what === "enable" || what === "disable") await setWebhookActive(repo.id, id, what === "enable");
  else if (what === "redeliver") await redeliver(repo.id, String(form.get("deliveryId")));
  revalidatePath(page);
}

export async function forcePushAction(form: FormData): Promise<void> {
  const { repo, page } = await writable(form);
  await setForcePushes(repo.id, form.get("allowForcePush") === "on");
  revalidatePath(page);
}

export async function visibilityAction(_prev: AdminState, form: FormData): Promise<AdminState> {
  try {
    const { repo, page } = await writable(form);
    const isPrivate = form.get("visibility") === "private";
    await setRepoVisibility(repo.id, isPrivate);
    revalidatePath(page);
    return { done: isPrivate ? "The repository is private now." : "The repository is public now." };
  } catch (e) {
    return formError(e);
  }
}

export async function renameAction(_prev: AdminState, form: FormData): Promise<AdminState> {
  let target: string;
  try {
    const { repo } = await writable(form);
    const to = await moveRepo(await sessionActor(), { owner: repo.owner.username, name: repo.name }, { owner: String(form.get("toOwner") ?? ""), name: String(form.get("toName") ?? "").trim() }, repo.type);
    target = repoHref({ type: repo.type, ...to }, "settings");
  } catch (e) {
    return formError(e);
  }
  redirect(target);
}

export async function deleteRepoAction(_prev: AdminState, form: FormData): Promise<AdminState> {
  let owner: string;
  try {
    const { repo } = await writable(form);
    owner = repo.owner.username;
    if (String(form.get("confirm") ?? "").trim() !== `${owner}/${repo.name}`) return { error: `Type ${owner}/${repo.name} exactly to confirm` };
    await deleteRepo(repo.id);
  } catch (e) {
    return formError(e);
  }
  redirect(`/${owner}`);
}
