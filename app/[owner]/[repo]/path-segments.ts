// A repo page's revision-and-path segments, as the request pipeline decoded them from
// the raw URL (each segment once): file names with spaces, #, %, ? or any letter
// reach the page exactly as they are in the repo, whatever Next.js did to its params.
import { headers } from "next/headers";

/** The segments after /{owner}/{repo}/{view}/ (the view: blob, tree, edit, commits). */
export async function revisionSegments(fallback: string[]): Promise<string[]> {
  const raw = (await headers()).get("x-modelhub-path");
  if (!raw) return fallback;
  try {
    const parts = JSON.parse(raw) as unknown;
    if (Array.isArray(parts) && parts.every((p) => typeof p === "string")) return (parts as string[]).slice(3);
  } catch {
    // not ours: Next's own params stand
  }
  return fallback;
}
