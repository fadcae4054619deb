// Hostile dataset inputs: card globs that would backtrack, and a Parquet footer that claims
// more than it may decode. Both are refused quickly, never allocated or matched.
import { describe, expect, it } from "vitest";
import { datasetSplits } from "../../lib/datasets/dataset-configs";
import { validateDatasetCard } from "../../lib/datasets/dataset-card";

describe("hostile dataset cards", () => {
  it("ignore globs with runs of stars, and say so, without slow matching", () => {
    const evil = `${"*a".repeat(40)}b`;
    const files = Array.from({ length: 2000 }, (_, i) => ({ path: `data/${"a".repeat(200)}${i}.csv`, size: 1, sha256: "x" }));
    const card = { configs: [{ config_name: "x", data_files: [{ split: "train", path: evil }] }] };
    const t0 = performance.now();
    const splits = datasetSplits(card, files);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(splits).toEqual([{ config: "x", split: "train", files: [] }]);
    expect(validateDatasetCard(card).map((p) => p.message).join()).toMatch(/split train needs path: a path or glob inside the repo/);
  });

  it("cap how many patterns a split may list", () => {
    const files = [{ path: "keep.csv", size: 1, sha256: "x" }];
    const patterns = [...Array.from({ length: 60 }, (_, i) => `nothing-${i}.csv`), "keep.csv"];
    expect(datasetSplits({ configs: [{ config_name: "c", data_files: patterns }] }, files)[0]!.files).toEqual([]);
  });
});
