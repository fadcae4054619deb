// MODELHUB_SEARCH_INDEX=postgres: no index is made, and PostgreSQL alone answers
// searches and facet counts (its counts stop at FACET_CAP matches).
import { beforeAll, describe, expect, it } from "vitest";

beforeAll(() => {
  process.env.MODELHUB_SEARCH_INDEX = "postgres"; // before anything in this process reads the configuration
});

describe("search with the index turned off", () => {
  it("makes no index and answers from PostgreSQL", async () => {
    const { catalogueIndexStore } = await import("../../lib/search/index/index-store");
    const { indexedPage, indexedFacets } = await import("../../lib/search/index/indexed-catalogue");
    const { listRepos } = await import("../../lib/repos/list-repos");
    const { catalogueFacets, FACET_CAP } = await import("../../lib/search/facets");
    const { analyzeRepoWeights } = await import("../../lib/formats/weights-summary");
    const { seedRepo, seedUser, commitText, uniq } = await import("../setup/factories");
    expect(catalogueIndexStore()).toBeNull();
    const word = uniq("zqoff").replace("-", "");
    const owner = await seedUser();
    const repo = await seedRepo(owner, { name: `${word}-classifier` });
    await commitText(repo.id, owner, { "README.md": `---\npipeline_tag: text-classification\n---\n# ${word}\n` });
    await analyzeRepoWeights(repo.id);
    const opts = { actor: null, search: word, sort: "createdAt" as const };
    expect(await indexedPage(opts)).toBeNull();
    expect(await indexedFacets(opts, 100)).toBeNull();
    expect((await listRepos(opts)).repos.map((r) => r.id)).toEqual([repo.id]);
    const facets = await catalogueFacets(opts);
    expect(facets).toMatchObject({ total: 1, totalExact: true, capped: false, sample: 1 });
    expect(facets.counts.task).toEqual([{ value: "text-classification", count: 1 }]);
    const landing = await catalogueFacets({ actor: null });
    expect(landing.sample).toBeLessThanOrEqual(FACET_CAP);
  });
});
