// Rules for user names and repo names (hub-api.md §1, "Ids and names").
import { badRequest } from "../errors";

// Namespaces that would collide with site routes or with the HF URL scheme.
export const RESERVED_NAMESPACES = new Set([
  "api", "datasets", "spaces", "models", "buckets", "kernels", "new", "signin", "signup", "signout",
  "settings", "admin", "login", "logout", "join", "docs", "static", "_next", "assets", "public",
  "search", "organizations", "orgs", "users", "jobs", "blobs", "health", "ping", "favicon.ico", "robots.txt",
]);

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function repoNameProblem(name: string): string | null {
  if (name.length < 1 || name.length > 96) return "Repository names have 1 to 96 characters";
  if (!NAME_RE.test(name) || /[-.]$/.test(name)) {
    return "Repository names use letters, digits, '-', '_' and '.', and do not begin or end with '-' or '.'";
  }
  if (name.includes("--") || name.includes("..")) return "Repository names cannot contain '--' or '..'";
  if (name.toLowerCase().endsWith(".git")) return "Repository names cannot end in '.git'";
  return null;
}

export function assertRepoName(name: string): void {
  const problem = repoNameProblem(name);
  if (problem) throw badRequest(problem);
}

export function usernameProblem(name: string): string | null {
  if (name.length < 2 || name.length > 39) return "User names have 2 to 39 characters";
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(name) || name.includes("--")) {
    return "User names use letters, digits and single '-' between them";
  }
  if (RESERVED_NAMESPACES.has(name.toLowerCase())) return `"${name}" is reserved`;
  return null;
}

