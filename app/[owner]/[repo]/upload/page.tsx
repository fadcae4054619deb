import { notFound, redirect } from "next/navigation";
import Link from "next/link";
import { can } from "@/lib/auth/can";
import { Uploader } from "@/components/upload/uploader";
import { loadRepoForPage } from "../load-repo";

type Props = { params: Promise<{ owner: string; repo: string }> };

export const metadata = { title: "Upload files" };

export default async function UploadPage({ params }: Props) {
  const { owner, repo: name } = await params;
  const { actor, repo } = await loadRepoForPage(owner, name);
  if (!actor) redirect(`/signin?callbackUrl=/${owner}/${name}/upload`);
  if (!can(actor, "write", repo)) notFound();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-xl font-semibold">
        Upload files to <Link className="font-mono hover:underline" href={`/${owner}/${name}`}>{owner}/{name}</Link>
      </h1>
      <Uploader repo={`${owner}/${name}`} />
    </div>
  );
}
