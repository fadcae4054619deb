// GET/HEAD /{owner}/{name}/(resolve|raw)/{rev}/{path} (hub-api.md §2.8): a real
// Content-Length, ranges, and no framework on the byte path.
import { entryNotFound } from "../../errors";
import { assertFileAccess } from "../../gating/access";
import { assertFilePath } from "../../repos/file-paths";
import { fileAt } from "../../repos/read-files";
import { splitRevisionPath } from "../../repos/resolve-revision";
import { resolveFile } from "../resolve-file";
import { repoEndpoint } from "../endpoint";

export const download = repoEndpoint({
  handle: async ({ req, actor, repo, params, rest, clientIp, method, query }) => {
    const { rev, path } = await splitRevisionPath(repo.id, rest);
    if (!path) throw entryNotFound("");
    assertFilePath(path);
    await assertFileAccess(actor, repo, path);
    const file = await fileAt(repo.id, rev, path);
    return resolveFile(file, {
      method: method === "HEAD" ? "HEAD" : "GET",
      range: (req.headers.range as string | undefined) ?? null,
      ifNoneMatch: (req.headers["if-none-match"] as string | undefined) ?? null,
      raw: params.kind === "raw",
      privateRepo: repo.private,
      repoId: repo.id,
      demo: query.get("via") === "demo",
      client: { userId: actor?.userId ?? null, ip: clientIp, userAgent: String(req.headers["user-agent"] ?? "").slice(0, 512) },
    });
  },
});
