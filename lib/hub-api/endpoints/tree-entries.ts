// Tree listings with their last commits and scan verdicts (hub-api.md §2.6, §2.7):
// GET /api/models/{id}/tree/{rev}[/{path}] and POST /api/models/{id}/paths-info/{rev}.
import { z } from "zod";
import { readJson, readText } from "../../http/body";
import { json } from "../../http/reply";
import { lastCommits } from "../../repos/last-commits";
import { entriesAt, listPath } from "../../repos/read-files";
import { splitRevisionPath } from "../../repos/resolve-revision";
import type { Listed } from "../../repos/tree-entries";
import { scansFor, securityFileStatus } from "../../scan/scan-status";
import { repoEndpoint, MIB } from "../endpoint";
import { boolParam } from "../model-json";
import { treeEntryJson } from "../tree-json";

const TREE_PAGE = 1000;

async function entriesJson(entries: Listed[], commitId: string, expand: boolean) {
  if (!expand) return entries.map((e) => treeEntryJson(e));
  const files = entries.flatMap((e) => (e.type === "file" ? [e] : []));
  const [last, scans] = await Promise.all([lastCommits(commitId, entries.map((e) => e.path)), scansFor(files)]);
  return entries.map((e) => treeEntryJson(e, last.get(e.path), e.type === "file" ? securityFileStatus(scans.get(e.sha256)) : undefined));
}

export const tree = repoEndpoint({
  handle: async ({ repo, rest, query, url, origin }) => {
    const { rev, path } = await splitRevisionPath(repo.id, rest);
    const { revision, entries } = await listPath(repo.id, rev, path, boolParam(query.get("recursive")));
    const cursor = Buffer.from(query.get("cursor") ?? "", "base64url").toString();
    const offset = /^\d{1,9}$/.test(cursor) ? Number(cursor) : 0;
    const page = entries.slice(offset, offset + TREE_PAGE);
    const headers: Record<string, string> = {};
    if (offset + TREE_PAGE < entries.length) {
      const next = new URL(url.pathname + url.search, origin);
      next.searchParams.set("cursor", Buffer.from(String(offset + TREE_PAGE)).toString("base64url"));
      headers.Link = `<${next}>; rel="next"`;
    }
    return json(await entriesJson(page, revision.commitId, boolParam(query.get("expand"))), { headers });
  },
});

const pathsSchema = z.object({ paths: z.array(z.string().max(4096)).max(10_000), expand: z.boolean().optional() });

export const pathsInfo = repoEndpoint({
  // JS posts JSON, PY a form (§2.7): read here, by content type, within 8 MiB.
  handle: async ({ req, repo, rest }) => {
    let paths: string[];
    let expand: boolean;
    if (String(req.headers["content-type"] ?? "").includes("application/json")) {
      ({ paths, expand = false } = await readJson(req, pathsSchema, 8 * MIB));
    } else {
      const form = new URLSearchParams(await readText(req, 8 * MIB));
      paths = form.getAll("paths").slice(0, 10_000);
      expand = boolParam(form.get("expand"));
    }
    const { revision, entries } = await entriesAt(repo.id, rest.join("/") || "main", paths);
    return json(await entriesJson(entries, revision.commitId, expand));
  },
});
