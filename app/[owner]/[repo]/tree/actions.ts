"use server";
import { revalidatePath } from "next/cache";
import { repoBase } from "@/lib/repos/repo-type";
import { sessionActor } from "@/lib/auth/current-actor";
import { formError } from "@/lib/http/form-error";
import { repoFor } from "@/lib/repos/find-repo";
import { pageRepoType } from "../load-repo";
import { createRef } from "@/lib/repos/refs";
import type { NewRefState } from "@/components/model/new-ref-form";


export async function createRefAction(_prev: NewRefState, form: FormData): Promise<NewRefState> {
  try {
    const repo = await repoFor(await sessionActor(), String(form.get("owner")), String(form.get("repo")), "write", await pageRepoType());
    const kind = form.get("kind") === "tag" ? "tag" : "branch";
    const ref = await createRef(repo.id, kind, String(form.get("name") ?? "").trim(), String(form.get("from") ?? "main"));
    revalidatePath(`${repoBase(repo)}`, "layout");
    return { created: `${kind} ${ref.name}` };
  } catch (e) {
    return formError(e);
  }
}
