// POST /api/repos/create (hub-api.md §2.2). 409 bodies carry `url` (PY exist_ok).
import { canWriteNamespace } from "@/lib/auth/can";
import { badRequest, forbidden, HubError } from "@/lib/errors";
import { requireActor } from "@/lib/http/api-actor";
import { apiRoute, corsPreflight, json, requestOrigin } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/parse-json";
import { createRepo } from "@/lib/repos/create-repo";
import { commitFiles } from "@/lib/repos/commit-files";
import { storeBytes } from "@/lib/repos/ingest-blob";
import { createRepoSchema } from "@/lib/validations/repo-api";

export const POST = apiRoute(async (req: Request) => {
  const actor = await requireActor(req);
  const body = await parseJsonBody(req, createRepoSchema, 16 * 1024 * 1024);
  if (body.type && body.type !== "model") throw badRequest("Only model repositories are supported");
  const namespace = body.organization ?? actor.username;
  if (!canWriteNamespace(actor, namespace)) throw forbidden(`You cannot create repositories in ${namespace}`);
  const url = `${requestOrigin(req)}/${namespace}/${body.name}`;
  const isPrivate = body.visibility ? body.visibility !== "public" : (body.private ?? false);
  let repo;
  try {
    repo = await createRepo({ owner: { id: actor.userId, username: actor.username, email: actor.email }, name: body.name, private: isPrivate, license: body.license });
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
  return json({ url, name: `${namespace}/${body.name}`, id: repo.id });
});

export const OPTIONS = corsPreflight;
