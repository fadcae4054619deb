// What the dataset viewer shows for a revision: every config/split with its files and
// row count where known, and the first rows of the one asked for (the first by default).
import { modelOverview, type ModelOverview } from "../repos/model-overview";
import { badRequest } from "../errors";
import { datasetSplits, type DatasetSplit } from "./dataset-configs";
import { previewFile, type RowsPreview } from "./read-rows";

export type ViewerSplit = { config: string; split: string; files: { path: string; size: number }[]; bytes: number };
export type DatasetView = {
  commitId: string;
  splits: ViewerSplit[];
  /** The config/split shown, with its first rows (from its first file), or null when the dataset has no data files. */
  shown: (RowsPreview & { config: string; split: string; file: string }) | null;
};

/** `overview`: the revision's files and card when the caller has read them already (the dataset page). */
export async function datasetView(repoId: string, rev: string, want: { config?: string | null; split?: string | null } = {}, limit = 100, overview?: ModelOverview): Promise<DatasetView> {
  const { revision, files, card } = overview ?? (await modelOverview(repoId, rev, "dataset"));
  const all = datasetSplits(card?.data ?? {}, files);
  const splits = all.map((s) => ({ config: s.config, split: s.split, files: s.files.map((f) => ({ path: f.path, size: f.size })), bytes: s.files.reduce((n, f) => n + f.size, 0) }));
  const pick = choose(all, want);
  if (!pick) return { commitId: revision.commitId, splits, shown: null };
  const first = pick.files[0];
  const preview: RowsPreview = first
    ? await previewFile(first, limit)
    : { columns: [], rows: [], totalRows: null, message: `No file of the repo matches the data_files of ${pick.config}/${pick.split}` };
  return { commitId: revision.commitId, splits, shown: { ...preview, config: pick.config, split: pick.split, file: first?.path ?? "" } };
}

function choose(all: DatasetSplit[], want: { config?: string | null; split?: string | null }): DatasetSplit | null {
  if (!want.config && !want.split) return all[0] ?? null;
  const hit = all.find((s) => (!want.config || s.config === want.config) && (!want.split || s.split === want.split));
  if (!hit) throw badRequest(`No split ${want.split ?? "(any)"} in config ${want.config ?? "(any)"}: the dataset has ${all.map((s) => `${s.config}/${s.split}`).join(", ") || "no data files"}`);
  return hit;
}
