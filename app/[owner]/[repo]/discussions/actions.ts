"use server";
import { revalidatePath } from "next/cache";
import { repoBase } from "@/lib/repos/repo-type";
import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { addComment, changeDiscussion, editComment, hideComment, openDiscussion, type DiscussionChange } from "@/lib/discussions/discussions";
import { HubError } from "@/lib/errors";
import { formError } from "@/lib/http/form-error";
import { repoFor } from "@/lib/repos/find-repo";
import { pageRepoType } from "../load-repo";
import { limitAction } from "@/lib/ratelimit/limit-action";
import { mergePullRequest } from "@/lib/pulls/pull-requests";
import { fileReport, type ReportTarget } from "@/lib/moderation/reports";
import type { DiscussionState } from "@/components/discussions/discussion-forms";
import type { ReportState } from "@/components/moderation/report-button";


async function context(form: FormData) {
  const actor = await sessionActor();
  const repo = await repoFor(actor, String(form.get("owner")), String(form.get("repo")), "read", await pageRepoType());
  return { actor, repo, base: `${repoBase(repo)}/discussions` };
}

export async function openDiscussionAction(_prev: DiscussionState, form: FormData): Promise<DiscussionState> {
  let target = "";
  try {
    const { actor, repo, base } = await context(form);
    await limitAction(actor, "comment");
    const d = await openDiscussion(actor, repo, String(form.get("title") ?? ""), String(form.get("body") ?? ""));
    target = `${base}/${d.num}`;
  } catch (e) {
    return formError(e);
  }
  redirect(target);
}

export async function commentAction(_prev: DiscussionState, form: FormData): Promise<DiscussionState> {
  try {
    const { actor, repo, base } = await context(form);
    await limitAction(actor, "comment");
    const num = Number(form.get("num"));
    const id = form.get("commentId");
    if (id) await editComment(actor, repo, String(id), String(form.get("body") ?? ""));
    else await addComment(actor, repo, num, String(form.get("body") ?? ""));
    revalidatePath(`${base}/${num}`);
    return {};
  } catch (e) {
    return formError(e);
  }
}

export async function moderateAction(form: FormData): Promise<void> {
  const { actor, repo, base } = await context(form);
  const num = Number(form.get("num"));
  const what = String(form.get("change"));
  const changes: Record<string, DiscussionChange> = {
    close: { status: "closed" }, reopen: { status: "open" }, pin: { pinned: true }, unpin: { pinned: false },
    lock: { locked: true }, unlock: { locked: false }, hide: { hidden: true }, unhide: { hidden: false },
  };
  try {
    if (what === "hide-comment" || what === "unhide-comment") await hideComment(actor, repo, String(form.get("commentId")), what === "hide-comment");
    else if (changes[what]) await changeDiscussion(actor, repo, num, changes[what]);
  } catch (e) {
    if (!(e instanceof HubError)) throw e;
  }
  revalidatePath(`${base}/${num}`);
}

export async function mergeAction(_prev: DiscussionState, form: FormData): Promise<DiscussionState> {
  try {
    const { actor, repo, base } = await context(form);
    const num = Number(form.get("num"));
    await mergePullRequest(actor, repo, num, String(form.get("comment") ?? ""));
    revalidatePath(`${repoBase(repo)}`, "layout");
    revalidatePath(`${base}/${num}`);
    return {};
  } catch (e) {
    return formError(e);
  }
}


export async function reportAction(_prev: ReportState, form: FormData): Promise<ReportState> {
  try {
    const actor = await sessionActor();
    await limitAction(actor, "comment");
    const type = String(form.get("targetType"));
    const repo = String(form.get("targetRepo") ?? "");
    const target: ReportTarget =
      type === "discussion" ? { type, repo, num: Number(form.get("num")) }
      : type === "comment" ? { type, repo, commentId: String(form.get("commentId")) }
      : type === "user" ? { type, username: String(form.get("username")) }
      : { type: "repo", repo };
    await fileReport(actor, target, String(form.get("reason") ?? ""), String(form.get("details") ?? ""));
    return { done: true };
  } catch (e) {
    return formError(e);
  }
}
