// What a card says about a model in the terms the catalogue filters on: the task,
// library, languages, datasets, license, and the HF-style tag list (its own tags
// plus library, task, languages and license:<id>).
export type CardFacets = { pipelineTag: string | null; libraryName: string | null; languages: string[]; datasets: string[]; license: string | null; tags: string[]; title: string | null };

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 100) : null);
const list = (v: unknown) => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string" && !!x.trim()).map((x) => x.trim().slice(0, 100)).slice(0, 100);

export function cardFacets(card: Record<string, unknown>, body: string, repoLicense: string | null): CardFacets {
  const pipelineTag = str(card.pipeline_tag);
  const libraryName = str(card.library_name);
  const languages = [...new Set(list(card.language).map((l) => l.toLowerCase()))];
  const datasets = [...new Set(list(card.datasets))];
  const license = str(card.license)?.toLowerCase() ?? repoLicense;
  const tags = new Set(list(card.tags));
  if (libraryName) tags.add(libraryName);
  if (pipelineTag) tags.add(pipelineTag);
  for (const l of languages) tags.add(l);
  if (license) tags.add(`license:${license}`);
  const title = /^#\s+(.+)$/m.exec(body)?.[1]?.trim().slice(0, 200) ?? null;
  return { pipelineTag, libraryName, languages, datasets, license, tags: [...tags].slice(0, 200), title };
}
