// POST /api/repos/create (hub-api.md §2.2). 409 bodies carry `url` (PY exist_ok).
import { badRequest, HubError } from "@/lib/errors";
import { requireActor } from "@/lib/http/api-actor";
import { apiRoute, corsPreflight, json, requestOrigin } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/parse-json";
import { createRepo } from "@/lib/repos/create-repo";
import { namespaceOwner } from "@/lib/orgs/orgs";
import { limitRequest, withHeaders } from "@/lib/ratelimit/rate-limit";
import { commitFiles } from "@/lib/repos/commit-files";
import { storeBytes } from "@/lib/repos/ingest-blob";
import { createRepoSchema } from "@/lib/validations/repo-api";

export const POST = apiRoute(async (req: Request) => {
  const actor = await requireActor(req);
  const limits = await limitRequest(req, actor, "create-repo");
  const body = await parseJsonBody(req, createRepoSchema, 16 * 1024 * 1024);
  if (body.type && body.type !== "model") throw badRequest("Only model repositories are supported");
  const namespace = body.organization ?? actor.username;
  const owner = await namespaceOwner(actor, namespace);
  const url = `${requestOrigin(req)}/${namespace}/${body.name}`;
  const isPrivate = body.visibility ? body.visibility !== "public" : (body.private ?? false);
  let repo;
  try {
    repo = await createRepo({ owner, author: { id: actor.userId, username: actor.username, email: actor.email }, name: body.name, private: isPrivate, license: body.license });
  } catch (e) {
    if (e instanceof HubError && e.status === 409) throw new HubError(409, "Conflict", "You already created this model repo", { url });
    throw e;
  }
  if (body.files?.length) {
    const operations = await Promise.all(
      body.files.map(async (f) => ({
        op: "put" as const,
        path: f.path,
        sha256: (await storeBytes(Buffer.from(f.content, f.encoding === "utf-8" ? "utf8" : "base64"))).sha256,
      })),
    );
    await commitFiles({ repoId: repo.id, branch: "main", author: { id: actor.userId, username: actor.username, email: actor.email }, title: "Add initial files", operations });
  }
  return withHeaders(json({ url, name: `${namespace}/${body.name}`, id: repo.id }), limits);
});

export const OPTIONS = corsPreflight;
