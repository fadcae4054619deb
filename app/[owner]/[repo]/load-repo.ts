// Shared by the model pages: the repo for the signed-in viewer, or a 404 page.
import { notFound } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { HubError } from "@/lib/errors";
import { repoFor } from "@/lib/repos/find-repo";

export async function loadRepoForPage(owner: string, name: string) {
  const actor = await sessionActor();
  try {
    return { actor, repo: await repoFor(actor, owner, name) };
  } catch (e) {
    if (e instanceof HubError && e.status === 404) notFound();
    throw e;
  }
}
