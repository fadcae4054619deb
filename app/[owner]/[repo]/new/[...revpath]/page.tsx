// "+ Add file" → "Create a new file": a path (in the folder the Files tab was showing)
// and its text, committed to the branch by a writer or proposed as a pull request.
import { notFound, redirect } from "next/navigation";
import Link from "@/components/ui/link";
import { can } from "@/lib/auth/can";
import { repoBase } from "@/lib/repos/repo-type";
import { listPath } from "@/lib/repos/read-files";
import { splitRevisionPath } from "@/lib/repos/resolve-revision";
import { EditFileForm } from "@/components/pulls/edit-file-form";
import { loadRepoForPage } from "../../load-repo";
import { orNotFound } from "../../load-revision";
import { saveEditAction } from "../../edit/actions";
import { revisionSegments } from "../../path-segments";

type Props = { params: Promise<{ owner: string; repo: string; revpath: string[] }> };

export const metadata = { title: "New file" };

export default async function NewFilePage({ params }: Props) {
  const { owner, repo: name, revpath: paramsRevpath } = await params;
  const revpath = await revisionSegments(paramsRevpath);
  const { actor, repo } = await loadRepoForPage(owner, name);
  const { rev, path: folder } = await splitRevisionPath(repo.id, revpath);
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`${repoBase(repo)}/new/${revpath.join("/")}`)}`);
  if (!can(actor, "participate", repo)) notFound();
  const { revision } = await orNotFound(listPath(repo.id, rev, folder, false));
  // files are added on branches only: a tag or a commit id cannot move
  if (revision.ref?.kind !== "branch" || revision.ref.name.startsWith("refs/")) notFound();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-xl font-semibold">
        New file in <Link className="font-mono hover:underline" href={repoBase(repo)}>{owner}/{name}</Link> on {rev}
      </h1>
      <EditFileForm owner={owner} repo={name} branch={rev} path={folder ? `${folder}/` : ""} initial="" parentCommit={revision.commitId} canCommit={can(actor, "write", repo)} action={saveEditAction} create />
    </div>
  );
}
