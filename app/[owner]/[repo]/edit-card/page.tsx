import { notFound, redirect } from "next/navigation";
import { repoBase } from "@/lib/repos/repo-type";
import Link from "@/components/ui/link";
import { can } from "@/lib/auth/can";
import { fileAt } from "@/lib/repos/read-files";
import { readBlobText } from "@/lib/repos/read-blob";
import { parseCard } from "@/lib/cards/front-matter";
import { cardFormFrom } from "@/lib/cards/compose-card";
import { PIPELINE_TAGS } from "@/lib/cards/validate-card";
import { allLicenses } from "@/lib/licenses/catalog";
import { CardEditor } from "@/components/cards/card-editor";
import { loadRepoForPage } from "../load-repo";
import { previewCardAction, saveCardAction } from "./actions";

type Props = { params: Promise<{ owner: string; repo: string }> };

export const metadata = { title: "Edit model card" };

export default async function EditCardPage({ params }: Props) {
  const { owner, repo: name } = await params;
  const { actor, repo } = await loadRepoForPage(owner, name);
  if (!actor) redirect(`/signin?callbackUrl=/${owner}/${name}/edit-card`);
  if (!can(actor, "participate", repo)) notFound();
  const file = await fileAt(repo.id, "main", "README.md").catch(() => null);
  const text = file ? ((await readBlobText(file.sha256, file.size)) ?? "") : `# ${name}\n\nWhat this model does, how it was trained, and how to use it.\n`;
  const card = parseCard(text);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">
        Edit the model card of <Link className="font-mono hover:underline" href={`${repoBase(repo)}`}>{owner}/{name}</Link>
      </h1>
      {card.errors.length > 0 && <p className="text-sm text-amber-800">The current metadata cannot be read ({card.errors[0]!.message}); saving replaces it with the fields below.</p>}
      <CardEditor
        owner={owner}
        repo={name}
        initial={cardFormFrom(card.data)}
        body={card.body}
        tasks={PIPELINE_TAGS}
        licenses={allLicenses().map((l) => l.id)}
        canCommit={can(actor, "write", repo)}
        preview={previewCardAction}
        save={saveCardAction}
      />
    </div>
  );
}
