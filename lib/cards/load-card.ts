// The model card of a tree: metadata, problems, and the rendered body. Cached by the
// README's sha256: content-addressed, so entries never go stale. The body is rendered
// when first shown: the jobs that read a card after each commit (its facets, lineage
// and search words) need its metadata and text only.
import { readBlobText } from "../repos/read-blob";
import type { FileEntry } from "../repos/tree-entries";
import { parseCard, type CardProblem } from "./front-matter";
import { validateCardData } from "./validate-card";
import { validateDatasetCard } from "../datasets/dataset-card";
import { once } from "./once";
import { renderCardBody, type RenderedCard } from "./render-card";

export type LoadedCard = {
  data: Record<string, unknown>;
  errors: CardProblem[];
  readonly rendered: RenderedCard;
  /** The Markdown body as written (for the search index). */
  body: string;
  /** Metadata the hub does not understand (lib/cards/validate-card), with README lines. */
  problems: CardProblem[];
};

type Parsed = Omit<LoadedCard, "problems" | "rendered"> & { keyLines: Record<string, number>; render: () => RenderedCard };

const CACHE_SIZE = 500;
const cache = new Map<string, Parsed>();

function remember(key: string, card: Parsed): Parsed {
  cache.set(key, card);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return card;
}

/** The card of a README, checked against the repo's file paths (a LICENSE file can stand for license_link). */
export async function loadCard(readme: FileEntry | null | undefined, files: string[] = [], type: string = "model"): Promise<LoadedCard | null> {
  if (!readme) return null;
  const parsed = await parsedCard(readme);
  return {
    data: parsed.data,
    errors: parsed.errors,
    body: parsed.body,
    problems: cardProblems(type, parsed.data, parsed.keyLines, files),
    get rendered() {
      return parsed.render();
    },
  };
}

/** A card's metadata problems, by the kind of repo it describes. */
export function cardProblems(type: string | undefined, data: Record<string, unknown>, keyLines: Record<string, number>, files: string[] = []) {
  return type === "dataset" ? validateDatasetCard(data, keyLines) : validateCardData(data, keyLines, files);
}

async function parsedCard(readme: FileEntry): Promise<Parsed> {
  const hit = cache.get(readme.sha256);
  if (hit) {
    cache.delete(readme.sha256); // refresh its place in the LRU order
    return remember(readme.sha256, hit);
  }
  const text = await readBlobText(readme.sha256, readme.size);
  if (text === null) {
    return { data: {}, errors: [{ message: "README.md is larger than 2 MiB and is not rendered" }], render: once(() => renderCardBody("")), body: "", keyLines: {} };
  }
  const card = parseCard(text);
  return remember(readme.sha256, { data: card.data, errors: card.errors, render: once(() => renderCardBody(card.body, card.bodyLine)), body: card.body, keyLines: card.keyLines });
}
