// Shared by the repo pages (models at /{owner}/{name}, datasets at /datasets/{owner}/{name}):
// the repo for the signed-in viewer, a redirect when the address is a moved repo's old
// name, or a 404 page.
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { HubError } from "@/lib/errors";
import { repoFor } from "@/lib/repos/find-repo";
import { movedTo } from "@/lib/repos/repo-redirects";
import { repoHref, type RepoType } from "@/lib/repos/repo-type";

/** The kind of repo this page's address names (the pipeline tells datasets apart by their /datasets prefix). */
export async function pageRepoType(): Promise<RepoType> {
  return (await headers()).get("x-modelhub-repo-type") === "dataset" ? "dataset" : "model";
}

export async function loadRepoForPage(owner: string, name: string) {
  const actor = await sessionActor();
  const type = await pageRepoType();
  try {
    return { actor, repo: await repoFor(actor, owner, name, "read", type) };
  } catch (e) {
    if (!(e instanceof HubError && e.status === 404)) throw e;
    const to = await movedTo(actor, owner, name, type);
    if (to) redirect(await samePageAt({ ...to, type }));
    notFound();
  }
}

/** This page's path (as the pipeline decoded it) with the repo's new owner and name. */
async function samePageAt(to: { owner: string; name: string; type: RepoType }): Promise<string> {
  let rest: string[] = [];
  try {
    const parts = JSON.parse((await headers()).get("x-modelhub-path") ?? "[]") as unknown;
    if (Array.isArray(parts) && parts.every((p) => typeof p === "string")) rest = (parts as string[]).slice(2);
  } catch {
    // no decoded path: the repo's main page
  }
  return repoHref(to, ...rest);
}
