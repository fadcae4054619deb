"use server";
import { redirect } from "next/navigation";
import { repoBase } from "@/lib/repos/repo-type";
import { revalidatePath } from "next/cache";
import { sessionActor } from "@/lib/auth/current-actor";
import { formError } from "@/lib/http/form-error";
import { repoFor } from "@/lib/repos/find-repo";
import { pageRepoType } from "../load-repo";
import { limitAction } from "@/lib/ratelimit/limit-action";
import { saveFileEdit } from "@/lib/pulls/edit-file";
import { encodeRepoPath } from "@/components/model/repo-urls";
import type { EditState } from "@/components/pulls/edit-file-form";


export async function saveEditAction(_prev: EditState, form: FormData): Promise<EditState> {
  let target = "";
  try {
    const actor = await sessionActor();
    const repo = await repoFor(actor, String(form.get("owner")), String(form.get("repo")), "read", await pageRepoType());
    await limitAction(actor, "commit");
    const branch = String(form.get("branch") ?? "main");
    const saved = await saveFileEdit(actor, repo, {
      branch,
      path: String(form.get("path") ?? ""),
      content: String(form.get("content") ?? ""),
      summary: String(form.get("summary") ?? ""),
      description: String(form.get("description") ?? "") || undefined,
      parentCommit: String(form.get("parentCommit") ?? "") || undefined,
      asPullRequest: form.get("mode") === "pr",
      create: form.get("create") === "1",
    });
    const base = `${repoBase(repo)}`;
    revalidatePath(base, "layout");
    target = saved.pullRequest ? `${base}/discussions/${saved.pullRequest}` : `${base}/blob/${encodeURIComponent(branch)}/${encodeRepoPath(String(form.get("path")))}`;
  } catch (e) {
    return formError(e);
  }
  redirect(target);
}
