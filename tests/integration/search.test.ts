// Discovery: the card index, full-text and partial-id search, facet filters and
// counts, trending, keyset pages, and the API's filters, against real PostgreSQL.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { analyzeRepoWeights } from "../../lib/formats/weights-summary";
import { listRepos } from "../../lib/repos/list-repos";
import { type ListOptions } from "../../lib/repos/list-query";
import { catalogueFacets } from "../../lib/search/facets";
import { refreshTrending } from "../../lib/search/trending";
import { listModels } from "../../lib/hub-api/list-models";
import { db } from "../../lib/db/client";
import { commitText, seedRepo, seedUser } from "../setup/factories";

const card = (meta: string, body: string) => `---\n${meta}\n---\n${body}\n`;

async function catalogue() {
  const word = `zq${crypto.randomBytes(3).toString("hex")}`; // keeps this file's models apart from the rest
  const owner = await seedUser({ username: `${word}-lab` });
  const make = async (name: string, readme: string, opts: { private?: boolean } = {}) => {
    const r = await seedRepo(owner, { name: `${word}-${name}`, private: opts.private });
    await commitText(r.id, owner, { "README.md": readme });
    await analyzeRepoWeights(r.id); // what the analyze-revision job does after the commit
    return r;
  };
  const sentiment = await make(
    "distilbert-sentiment",
    card("license: apache-2.0\npipeline_tag: text-classification\nlibrary_name: transformers\nlanguage: [en, FR]\ntags: [sentiment, reviews]\ndatasets: [imdb]\nbase_model: google-bert/bert-base-uncased", "# Movie review sentiment\n\nClassifies movie reviews as positive or negative."),
  );
  const detector = await make("yolo-tiny", card("license: cc-by-nc-4.0\npipeline_tag: object-detection\nlibrary_name: onnx\ntags: [vision, edge]", "# Tiny detector\n\nFinds cars and people in street photos."));
  const speech = await make("whisper-fr", card("license: mit\npipeline_tag: automatic-speech-recognition\nlibrary_name: transformers\nlanguage: fr\ntags: [audio]", "# French speech\n\nTranscribes spoken French."));
  await make("secret-sentiment", card("license: mit\npipeline_tag: text-classification\nlibrary_name: transformers", "# Private sentiment"), { private: true });
  return { word, owner, sentiment, detector, speech };
}

const names = (repos: { name: string }[], word: string) => repos.map((r) => r.name.slice(word.length + 1));

describe("search and facets", () => {
  it("index each card's metadata and find models by text, stemmed words and partial ids", async () => {
    const { word, owner } = await catalogue();
    const find = async (search: string, extra: Partial<ListOptions> = {}) => names((await listRepos({ actor: null, search, sort: "createdAt", filters: { tags: [] }, ...extra, owner: extra.owner ?? owner.username })).repos, word);
    const row = await db().repo.findFirstOrThrow({ where: { name: `${word}-distilbert-sentiment` } });
    expect(row).toMatchObject({ pipelineTag: "text-classification", libraryName: "transformers", languages: ["en", "fr"], datasets: ["imdb"], license: "apache-2.0" });
    expect(row.tags).toEqual(expect.arrayContaining(["sentiment", "reviews", "transformers", "text-classification", "en", "fr", "license:apache-2.0"]));

    expect(await find("movie reviews")).toEqual(["distilbert-sentiment"]); // card text
    expect(await find("classifying")).toEqual(["distilbert-sentiment"]); // English stemming: classifies
    expect(await find("street photo")).toEqual(["yolo-tiny"]);
    expect(await find("distilb")).toEqual(["distilbert-sentiment"]); // partial id: a word prefix
    expect(await find("stilbert-sent")).toEqual(["distilbert-sentiment"]); // inside a name: trigram fallback
    expect(await find(`${word}-lab/whisp`)).toEqual(["whisper-fr"]); // owner/name
    expect(await find("sentiment")).toEqual(["distilbert-sentiment"]); // never the private one
    expect(await find("sentiment", { actor: { userId: owner.id, username: owner.username, email: owner.email, isAdmin: false, via: "session", orgs: [] } })).toEqual(["secret-sentiment", "distilbert-sentiment"]);
    expect(await find("nothing-matches-this")).toEqual([]);
  });

  it("filter by facets and count what the matches hold", async () => {
    const { word, owner } = await catalogue();
    const base: ListOptions = { actor: null, owner: owner.username, sort: "createdAt" };
    const only = async (filters: ListOptions["filters"]) => names((await listRepos({ ...base, filters })).repos, word);
    expect(await only({ task: "text-classification" })).toEqual(["distilbert-sentiment"]);
    expect(await only({ library: "transformers" })).toEqual(["whisper-fr", "distilbert-sentiment"]);
    expect(await only({ language: "fr" })).toEqual(["whisper-fr", "distilbert-sentiment"]);
    expect(await only({ language: "FR", library: "transformers", task: "automatic-speech-recognition" })).toEqual(["whisper-fr"]);
    expect(await only({ license: "cc-by-nc-4.0" })).toEqual(["yolo-tiny"]);
    expect(await only({ tags: ["vision", "edge"] })).toEqual(["yolo-tiny"]);
    expect(await only({ baseModel: "google-bert/bert-base-uncased" })).toEqual(["distilbert-sentiment"]);

    const f = await catalogueFacets(base);
    expect(f.total).toBe(3);
    expect(f.capped).toBe(false);
    expect(f.counts.library).toEqual([{ value: "transformers", count: 2 }, { value: "onnx", count: 1 }]);
    expect(f.counts.language).toEqual([{ value: "fr", count: 2 }, { value: "en", count: 1 }]);
    expect(f.counts.license.map((x) => x.value).sort()).toEqual(["apache-2.0", "cc-by-nc-4.0", "mit"]);
    expect(f.counts.tag.map((x) => x.value).sort()).toEqual(["audio", "edge", "reviews", "sentiment", "vision"]); // no derived tags
    expect(f.counts.baseModel).toEqual([{ value: "google-bert/bert-base-uncased", count: 1 }]);
    const narrowed = await catalogueFacets({ ...base, filters: { library: "transformers" } });
    expect(narrowed.counts.task.map((x) => x.value).sort()).toEqual(["automatic-speech-recognition", "text-classification"]);
  });

  it("rank by trending from recent downloads and likes, in stable keyset pages", async () => {
    const { word, owner, detector, speech } = await catalogue();
    const today = new Date(new Date().toISOString().slice(0, 10));
    await db().downloadDay.createMany({ data: [{ repoId: detector.id, day: today, count: 40 }, { repoId: speech.id, day: new Date(today.getTime() - 10 * 86400_000), count: 40 }] });
    const fan = await seedUser();
    await db().like.create({ data: { userId: fan.id, repoId: speech.id } });
    expect(await refreshTrending()).toBeGreaterThanOrEqual(2);
    const t = Object.fromEntries((await db().repo.findMany({ where: { id: { in: [detector.id, speech.id] } } })).map((r) => [r.id, r.trending]));
    expect(t[detector.id]).toBeCloseTo(40, 0); // today's downloads count fully
    expect(t[speech.id]).toBeGreaterThan(5); // a fresh like (5) plus old downloads, decayed
    expect(t[speech.id]).toBeLessThan(t[detector.id]!);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listRepos>> = await listRepos({ actor: null, owner: owner.username, sort: "trending", limit: 1, cursor });
      pages.push(...names(page.repos, word));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.slice(0, 2)).toEqual(["yolo-tiny", "whisper-fr"]);
    expect(pages).toHaveLength(3);
    await db().downloadDay.deleteMany({ where: { repoId: { in: [detector.id, speech.id] } } });
    await db().like.deleteMany({ where: { repoId: speech.id } });
    await refreshTrending(); // activity gone: scores fall back to zero
    expect((await db().repo.findUniqueOrThrow({ where: { id: detector.id } })).trending).toBe(0);
  });

  it("serve the HF list filters from the index, with light items and keyset links", async () => {
    const { word, owner } = await catalogue();
    const list = (q: string) => listModels(null, new URL(`http://hub.test/api/models?author=${owner.username}&${q}`));
    const ids = (r: Awaited<ReturnType<typeof list>>) => r.items.map((i) => String(i.id).split("/")[1]!.slice(word.length + 1));
    expect(ids(await list("filter=transformers&filter=fr"))).toEqual(["whisper-fr", "distilbert-sentiment"]);
    expect(ids(await list("filter=license:mit"))).toEqual(["whisper-fr"]);
    expect(ids(await list("pipeline_tag=object-detection"))).toEqual(["yolo-tiny"]);
    expect(ids(await list("search=spoken%20french"))).toEqual(["whisper-fr"]);
    const first = await list("limit=2&sort=createdAt");
    expect(first.items[0]).toMatchObject({ pipeline_tag: "automatic-speech-recognition", library_name: "transformers", private: false, gated: false });
    expect(first.items[0]).not.toHaveProperty("siblings");
    expect(first.next).toContain("cursor=");
    const second = await listModels(null, new URL(first.next!));
    expect(ids(second)).toEqual(["distilbert-sentiment"]);
    expect(second.next).toBeNull();
  });
});
