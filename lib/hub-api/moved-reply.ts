// A moved repo's old address (lib/repos/move-repo) answers 307 to the same request at its
// new name: the route table for the API and /resolve, the git endpoints for clones.
import type { Reply } from "../http/reply";

/** The same request at a moved repo's new address: `parts[at]`, `parts[at + 1]` named it (".git" kept). */
export function movedReply(parts: string[], at: number, search: string, to: { owner: string; name: string }): Reply {
  const next = [...parts];
  next[at] = to.owner;
  next[at + 1] = next[at + 1]!.endsWith(".git") ? `${to.name}.git` : to.name;
  return { status: 307, headers: { Location: `/${next.map(encodeURIComponent).join("/")}${search}`, "Content-Length": "0", "Cache-Control": "no-store" }, body: null };
}
