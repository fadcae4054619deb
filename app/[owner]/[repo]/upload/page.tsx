import { notFound, redirect } from "next/navigation";
import { repoBase } from "@/lib/repos/repo-type";
import Link from "@/components/ui/link";
import { can } from "@/lib/auth/can";
import { Uploader } from "@/components/upload/uploader";
import { loadRepoForPage } from "../load-repo";

type Props = { params: Promise<{ owner: string; repo: string }> };

export const metadata = { title: "Upload files" };

export default async function UploadPage({ params }: Props) {
  const { owner, repo: name } = await params;
  const { actor, repo } = await loadRepoForPage(owner, name);
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`${repoBase(repo)}/upload`)}`);
  if (!can(actor, "participate", repo)) notFound();
  const proposeOnly = !can(actor, "write", repo);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-xl font-semibold">
        Upload files to <Link className="font-mono hover:underline" href={`${repoBase(repo)}`}>{owner}/{name}</Link>
      </h1>
      {proposeOnly && (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950">
          You cannot write to this repo: your files will be proposed as a pull request that its owners can review and merge.
        </p>
      )}
      <Uploader repo={repoBase(repo).slice(1)} proposeOnly={proposeOnly} />
    </div>
  );
}
