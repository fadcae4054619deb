// Branches and tags: list, create (from any revision), delete. main cannot be deleted.
import { db } from "../db/client";
import { badRequest, forbidden, revisionNotFound } from "../errors";
import { resolveRevision } from "./resolve-revision";
import { uniqueOr } from "../db/db-errors";

export type RefInfo = { name: string; ref: string; targetCommit: string };

/** git check-ref-format, roughly: no "..", control or special characters, empty segments, ".lock" ends. */
export function refNameProblem(name: string): string | null {
  if (!name || name.length > 200) return "Ref names have 1 to 200 characters";
  if (/[\x00-\x20~^:?*[\\\x7f]/.test(name) || name.includes("..") || name.includes("@{")) return "Ref names cannot contain spaces, '..', '@{' or any of ~^:?*[\\";
  if (name.startsWith("/") || name.endsWith("/") || name.includes("//") || name.endsWith(".") || name.endsWith(".lock")) return "Malformed ref name";
  if (/^[0-9a-f]{40}$/.test(name) || name === "HEAD") return "Ref names cannot look like a commit id or be HEAD";
  return null;
}

/** Pull requests' branches are named refs/pr/N: listed apart, never created or deleted by hand. */
const isPullRef = (name: string) => name.startsWith("refs/");

export async function listRefs(repoId: string): Promise<{ branches: RefInfo[]; tags: RefInfo[]; pullRequests: RefInfo[] }> {
  const refs = await db().ref.findMany({ where: { repoId }, orderBy: { name: "asc" }, select: { kind: true, name: true, commitId: true } });
  const as = (r: (typeof refs)[number]) => ({ name: r.name, ref: `refs/${r.kind === "branch" ? "heads" : "tags"}/${r.name}`, targetCommit: r.commitId });
  return {
    branches: refs.filter((r) => r.kind === "branch" && !isPullRef(r.name)).map(as),
    tags: refs.filter((r) => r.kind === "tag").map(as),
    pullRequests: refs.filter((r) => r.kind === "branch" && isPullRef(r.name)).map((r) => ({ name: r.name, ref: r.name, targetCommit: r.commitId })),
  };
}

export async function createRef(repoId: string, kind: "branch" | "tag", name: string, from: string): Promise<RefInfo> {
  const problem = refNameProblem(name) ?? (isPullRef(name) ? "Names starting with refs/ are reserved for pull requests" : null);
  if (problem) throw badRequest(problem);
  const { commitId } = await resolveRevision(repoId, from);
  await uniqueOr(() => db().ref.create({ data: { repoId, kind, name, commitId } }), `The ${kind} ${name} already exists`);
  return { name, ref: `refs/${kind === "branch" ? "heads" : "tags"}/${name}`, targetCommit: commitId };
}

export async function deleteRef(repoId: string, kind: "branch" | "tag", name: string): Promise<void> {
  if (kind === "branch" && name === "main") throw forbidden("The default branch cannot be deleted");
  if (isPullRef(name)) throw forbidden("A pull request's branch goes away with the pull request, not by hand");
  const { count } = await db().ref.deleteMany({ where: { repoId, kind, name } });
  if (!count) throw revisionNotFound(name);
}
