// POST /api/repos/create (hub-api.md §2.2). 409 bodies carry `url` (PY exist_ok).
import { conflict, HubError } from "../../errors";
import { json } from "../../http/reply";
import { namespaceOwner } from "../../orgs/orgs";
import { commitFiles } from "../../repos/commit-files";
import { createRepo } from "../../repos/create-repo";
import { kindLabel, repoHref } from "../../repos/repo-type";
import { createRepoSchema, repoTypeOf } from "../../validations/repo-api";
import { endpoint, MIB } from "../endpoint";

export const createRepoEndpoint = endpoint({
  json: createRepoSchema, limit: 16 * MIB,
  handle: async ({ actor, body, origin }) => {
    const a = actor!;
    const type = repoTypeOf(body.type);
    const namespace = body.organization ?? a.username;
    const owner = await namespaceOwner(a, namespace);
    const url = `${origin}${repoHref({ type, owner: namespace, name: body.name })}`;
    const isPrivate = body.visibility ? body.visibility !== "public" : (body.private ?? false);
    const author = { id: a.userId, username: a.username, email: a.email };
    let repo;
    try {
      repo = await createRepo({ owner, author, name: body.name, type, private: isPrivate, license: body.license });
    } catch (e) {
      if (e instanceof HubError && e.status === 409) throw conflict(`You already created this ${kindLabel(type)} repo`, { url });
      throw e;
    }
    if (body.files?.length) {
      const operations = body.files.map((f) => ({ op: "put" as const, path: f.path, content: Buffer.from(f.content, f.encoding === "utf-8" ? "utf8" : "base64") }));
      await commitFiles({ repoId: repo.id, branch: "main", author, contentOf: a, title: "Add initial files", operations });
    }
    return json({ url, name: `${namespace}/${body.name}`, id: repo.id });
  },
});
