"use server";
import { redirect } from "next/navigation";
import { repoBase } from "@/lib/repos/repo-type";
import { revalidatePath } from "next/cache";
import { sessionActor } from "@/lib/auth/current-actor";
import { badRequest } from "@/lib/errors";
import { formError } from "@/lib/http/form-error";
import { repoFor } from "@/lib/repos/find-repo";
import { pageRepoType } from "../load-repo";
import { fileAt } from "@/lib/repos/read-files";
import { readBlobText } from "@/lib/repos/read-blob";
import { composeReadme, FORM_KEYS, type CardForm } from "@/lib/cards/compose-card";
import { parseCard } from "@/lib/cards/front-matter";
import { renderCardBody } from "@/lib/cards/render-card";
import { validateCardData } from "@/lib/cards/validate-card";
import { saveFileEdit } from "@/lib/pulls/edit-file";
import { limitAction } from "@/lib/ratelimit/limit-action";
import { ModelCard } from "@/components/model/model-card";
import type { PreviewState, SaveState } from "@/components/cards/card-editor";

const MAX_BODY = 512 * 1024;

async function readmeOf(form: FormData) {
  const actor = await sessionActor();
  const repo = await repoFor(actor, String(form.get("owner")), String(form.get("repo")), "read", await pageRepoType());
  const file = await fileAt(repo.id, "main", "README.md").catch(() => null);
  const previous = file ? ((await readBlobText(file.sha256, file.size)) ?? "") : "";
  const fields = Object.fromEntries(FORM_KEYS.map((k) => [k, String(form.get(k) ?? "").slice(0, 2000)])) as CardForm;
  const body = String(form.get("body") ?? "");
  if (body.length > MAX_BODY) throw badRequest("The card body is limited to 512 KiB");
  return { actor, repo, readme: composeReadme(previous, fields, body), parent: file?.revision.commitId };
}


/** The card as the model page will show it, rendered on the server (no code from the card runs anywhere). */
export async function previewCardAction(_prev: PreviewState, form: FormData): Promise<PreviewState> {
  try {
    const { readme } = await readmeOf(form);
    const card = parseCard(readme);
    const problems = validateCardData(card.data, card.keyLines);
    const loaded = { data: card.data, errors: card.errors, rendered: renderCardBody(card.body, card.bodyLine), body: card.body, problems };
    return {
      node: <ModelCard card={loaded} showProblems={false} />,
      problems: [...card.errors, ...problems, ...loaded.rendered.warnings].map((p) => (p.line ? `line ${p.line}: ${p.message}` : p.message)),
    };
  } catch (e) {
    return formError(e);
  }
}


export async function saveCardAction(_prev: SaveState, form: FormData): Promise<SaveState> {
  let target = "";
  try {
    const { actor, repo, readme, parent } = await readmeOf(form);
    await limitAction(actor, "commit");
    const card = parseCard(readme);
    if (card.errors.length) return { error: `The metadata cannot be saved: ${card.errors[0]!.message}` };
    const saved = await saveFileEdit(actor, repo, {
      branch: "main",
      path: "README.md",
      content: readme,
      summary: String(form.get("summary") ?? "").trim() || "Update model card",
      parentCommit: parent,
      asPullRequest: form.get("mode") === "pr",
    });
    const base = `${repoBase(repo)}`;
    revalidatePath(base, "layout");
    target = saved.pullRequest ? `${base}/discussions/${saved.pullRequest}` : base;
  } catch (e) {
    return formError(e);
  }
  redirect(target);
}
