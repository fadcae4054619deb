// The kinds of repository the hub holds. Models and datasets are alike (commits, LFS,
// refs, discussions, gating); each kind has its own names and addresses, as on the
// Hugging Face Hub: /{id} and /api/models/{id}, /datasets/{id} and /api/datasets/{id}.
export type RepoType = "model" | "dataset";

/** The API's collection for a kind: "models" or "datasets". */
export function apiCollection(type: RepoType): "models" | "datasets" {
  return type === "dataset" ? "datasets" : "models";
}

/** A kind from the API's collection name (models, datasets). */
export function typeOfCollection(collection: string | undefined): RepoType {
  return collection === "datasets" ? "dataset" : "model";
}

/** Where a repo's pages, files and git address start: "" for models, "/datasets" for datasets. */
export function urlPrefix(type: string | undefined): string {
  return type === "dataset" ? "/datasets" : "";
}

/** A repo's page address, with its owner and name each encoded. */
export function repoHref(r: { type?: string; owner: string; name: string }, ...rest: string[]): string {
  return `${urlPrefix(r.type)}/${[r.owner, r.name, ...rest].map(encodeURIComponent).join("/")}`;
}

/** "model repository" / "dataset repository", for messages. */
export function kindLabel(type: string | undefined): string {
  return type === "dataset" ? "dataset" : "model";
}

/** A loaded repo's page address (its owner as a row's owner object). */
export function repoBase(r: { type?: string; owner: { username: string }; name: string }): string {
  return repoHref({ type: r.type, owner: r.owner.username, name: r.name });
}
