// URL paths inside a repo: each segment encoded, slashes kept.
export const encodeRepoPath = (path: string) => path.split("/").map(encodeURIComponent).join("/");
