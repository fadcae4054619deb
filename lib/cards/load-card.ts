// The model card of a repo at a revision: metadata, problems, and the rendered body.
import { TreeReader } from "../repos/tree-entries";
import { readBlobText } from "../repos/read-blob";
import { db } from "../db/client";
import { parseCard, type CardProblem } from "./front-matter";
import { renderCardBody, type RenderedCard } from "./render-card";

export type LoadedCard = {
  data: Record<string, unknown>;
  errors: CardProblem[];
  rendered: RenderedCard;
};

export async function loadCard(treeId: string): Promise<LoadedCard | null> {
  const entry = await new TreeReader(db()).entryAt(treeId, "README.md");
  if (!entry || entry.type !== "file") return null;
  const text = await readBlobText(entry.sha256, entry.size);
  if (text === null) {
    return { data: {}, errors: [{ message: "README.md is larger than 2 MiB and is not rendered" }], rendered: renderCardBody("") };
  }
  const card = parseCard(text);
  return { data: card.data, errors: card.errors, rendered: renderCardBody(card.body, card.bodyLine) };
}
