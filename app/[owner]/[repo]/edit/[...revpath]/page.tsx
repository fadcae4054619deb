import { notFound, redirect } from "next/navigation";
import { repoBase } from "@/lib/repos/repo-type";
import Link from "@/components/ui/link";
import { can } from "@/lib/auth/can";
import { fileAt } from "@/lib/repos/read-files";
import { readBlobText } from "@/lib/repos/read-blob";
import { splitRevisionPath } from "@/lib/repos/resolve-revision";
import { MAX_EDIT_BYTES } from "@/lib/pulls/edit-file";
import { gateStatus, isGatedPath } from "@/lib/gating/access";
import { EditFileForm } from "@/components/pulls/edit-file-form";
import { loadRepoForPage } from "../../load-repo";
import { orNotFound } from "../../load-revision";
import { saveEditAction } from "../actions";
import { revisionSegments } from "../../path-segments";

type Props = { params: Promise<{ owner: string; repo: string; revpath: string[] }> };

export const metadata = { title: "Edit file" };

export default async function EditPage({ params }: Props) {
  const { owner, repo: name, revpath: paramsRevpath } = await params;
  const revpath = await revisionSegments(paramsRevpath);
  const { actor, repo } = await loadRepoForPage(owner, name);
  const { rev, path } = await splitRevisionPath(repo.id, revpath);
  if (!actor) redirect(`/signin?callbackUrl=/${owner}/${name}/edit/${revpath.join("/")}`);
  if (!can(actor, "participate", repo)) notFound();
  const file = await orNotFound(fileAt(repo.id, rev, path));
  if (repo.gated && isGatedPath(path) && !["open", "accepted"].includes(await gateStatus(actor, repo))) notFound();
  // only branches are edited: a tag or a commit id cannot move
  if (file.revision.ref?.kind !== "branch" || file.revision.ref.name.startsWith("refs/")) notFound();
  const text = !file.lfs && file.size <= MAX_EDIT_BYTES ? await readBlobText(file.sha256, file.size, MAX_EDIT_BYTES) : null;
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-xl font-semibold">
        Edit <span className="font-mono">{path}</span> in{" "}
        <Link className="font-mono hover:underline" href={`${repoBase(repo)}`}>{owner}/{name}</Link> on {rev}
      </h1>
      {text === null ? (
        <p className="rounded border border-gray-200 bg-white p-4 text-sm">This file is binary or larger than 1 MiB: upload a new version instead.</p>
      ) : (
        <EditFileForm owner={owner} repo={name} branch={rev} path={path} initial={text} parentCommit={file.revision.commitId} canCommit={can(actor, "write", repo)} action={saveEditAction} />
      )}
    </div>
  );
}
