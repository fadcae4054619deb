// GET /api/datasets/{id}/viewer[?config=&split=&revision=] (Modelhub extension, hub-api.md):
// the configs and splits of a dataset and the first rows of one of them.
import { assertFileAccess } from "../../gating/access";
import { json } from "../../http/reply";
import { datasetView } from "../../datasets/dataset-viewer";
import { repoEndpoint } from "../endpoint";

export const datasetViewer = repoEndpoint({
  handle: async ({ actor, repo, query }) => {
    await assertFileAccess(actor, repo, null); // rows are the files' contents: a gated dataset needs granted access
    const one = (k: string) => query.get(k)?.slice(0, 200) || null;
    const length = Math.min(Math.max(Number(query.get("length") ?? 100) || 100, 1), 100);
    return json(await datasetView(repo.id, one("revision") ?? "main", { config: one("config"), split: one("split") }, length));
  },
});
