// Wire details from hub-api.md that the Python client relies on, checked over HTTP.
import crypto from "node:crypto";
import { expect, test, type APIRequestContext } from "./fixtures";
import { createUserWithToken, E2E_URL } from "./hub-env";

const id = crypto.randomBytes(3).toString("hex");
const user = `proto-${id}`;
let token = "";
const auth = () => ({ Authorization: `Bearer ${token}` });

test.beforeAll(() => {
  token = createUserWithToken(user, "protocol password");
});

async function ndjsonCommit(request: APIRequestContext, repo: string, lines: object[], rev = "main") {
  return request.post(`${E2E_URL}/api/models/${repo}/commit/${encodeURIComponent(rev)}`, {
    headers: { ...auth(), "Content-Type": "application/x-ndjson" },
    data: lines.map((l) => JSON.stringify(l)).join("\n") + "\n",
  });
}

test("protocol details for the Python client", async ({ request }) => {
  // whoami: 401 without a token, an auth object with one.
  expect((await request.get(`${E2E_URL}/api/whoami-v2`)).status()).toBe(401);
  const me = await (await request.get(`${E2E_URL}/api/whoami-v2`, { headers: { authorization: `Bearer ${token}` } })).json();
  expect(me.auth.accessToken.role).toBe("write");

  // create: organization null means the token's user; a second create is 409 with url.
  const created = await request.post(`${E2E_URL}/api/repos/create`, { headers: auth(), data: { name: "proto", organization: null, private: false } });
  expect(created.status()).toBe(200);
  expect((await created.json()).url).toBe(`${E2E_URL}/${user}/proto`);
  const again = await request.post(`${E2E_URL}/api/repos/create`, { headers: auth(), data: { name: "proto" } });
  expect(again.status()).toBe(409);
  expect((await again.json()).url).toBe(`${E2E_URL}/${user}/proto`);
  const repo = `${user}/proto`;

  // validate-yaml answers JSON for good and broken cards.
  expect((await request.post(`${E2E_URL}/api/validate-yaml`, { data: { content: "---\nlicense: mit\n---\n", repoType: "model" } })).status()).toBe(200);
  const broken = await request.post(`${E2E_URL}/api/validate-yaml`, { data: { content: "---\nlicense: [mit\n---\n" } });
  expect(broken.status()).toBe(400);
  expect((await broken.json()).errors[0].message).toMatch(/line/);

  // preupload: an entry with shouldIgnore for every path.
  const preupload = await request.post(`${E2E_URL}/api/models/${repo}/preupload/main`, {
    headers: auth(),
    data: { files: [{ path: "a.txt", size: 3, sample: Buffer.from("abc").toString("base64") }, { path: "w.bin", size: 3, sample: "AAEC" }, { path: ".gitattributes", size: 10, sample: "" }] },
  });
  const preFiles = (await preupload.json()).files;
  expect(preFiles.map((f: { uploadMode: string }) => f.uploadMode)).toEqual(["regular", "lfs", "regular"]);
  expect(preFiles.every((f: { shouldIgnore: boolean }) => f.shouldIgnore === false)).toBe(true);
  expect(preFiles[2].oid).toMatch(/^[0-9a-f]{40}$/);

  // commit: regular files; a stale parentCommit is refused with 412.
  const c1 = await ndjsonCommit(request, repo, [
    { key: "header", value: { summary: "add" } },
    { key: "file", value: { path: "dir/sub/a.txt", content: Buffer.from("A").toString("base64"), encoding: "base64" } },
  ]);
  const first = await c1.json();
  expect(first.commitUrl).toBe(`${E2E_URL}/${repo}/commit/${first.commitOid}`);
  const stale = await ndjsonCommit(request, repo, [{ key: "header", value: { summary: "x", parentCommit: "0".repeat(40) } }, { key: "deletedFile", value: { path: "dir/sub/a.txt" } }]);
  expect(stale.status()).toBe(412);
  const missing = await ndjsonCommit(request, repo, [{ key: "header", value: { summary: "x" } }, { key: "deletedFile", value: { path: "nope" } }]);
  expect(missing.headers()["x-error-code"]).toBe("EntryNotFound");

  // tree: oid on every entry (directories too), one level unless recursive; %2F-encoded paths.
  const top = await (await request.get(`${E2E_URL}/api/models/${repo}/tree/main?recursive=false&expand=false`)).json();
  expect(top.map((e: { path: string }) => e.path).sort()).toEqual([".gitattributes", "dir"]);
  expect(top.every((e: { oid?: string }) => typeof e.oid === "string")).toBe(true);
  const sub = await (await request.get(`${E2E_URL}/api/models/${repo}/tree/main/dir%2Fsub?expand=true`)).json();
  expect(sub[0]).toMatchObject({ type: "file", path: "dir/sub/a.txt", size: 1, lastCommit: { id: first.commitOid } });
  expect((await request.get(`${E2E_URL}/api/models/${repo}/tree/main/nope`)).headers()["x-error-code"]).toBe("EntryNotFound");

  // paths-info as a form (PY) and as JSON (JS); missing paths are left out.
  const form = await request.post(`${E2E_URL}/api/models/${repo}/paths-info/main`, { form: { paths: "dir/sub/a.txt", expand: "true" } });
  expect((await form.json())[0].lastCommit.id).toBe(first.commitOid);
  const js = await request.post(`${E2E_URL}/api/models/${repo}/paths-info/main`, { data: { paths: ["dir", "missing"], expand: false } });
  expect((await js.json()).map((e: { type: string }) => e.type)).toEqual(["directory"]);

  // branches and revisions with "/" (raw and %2F), model info with expand, refs.
  expect((await request.post(`${E2E_URL}/api/models/${repo}/branch/feature/x`, { headers: auth(), data: {} })).status()).toBe(200);
  const onBranch = await request.get(`${E2E_URL}/api/models/${repo}/revision/feature%2Fx`);
  expect((await onBranch.json()).sha).toBe(first.commitOid);
  const expanded = await (await request.get(`${E2E_URL}/api/models/${repo}?expand=private&expand=sha`)).json();
  expect(Object.keys(expanded).sort()).toEqual(["_id", "id", "private", "sha"]);
  const refs = await (await request.get(`${E2E_URL}/api/models/${repo}/refs`)).json();
  expect(refs.branches.map((b: { name: string }) => b.name).sort()).toEqual(["feature/x", "main"]);
  expect(refs.converts).toEqual([]);
  expect((await request.get(`${E2E_URL}/${repo}/resolve/feature/x/dir/sub/a.txt`)).headers()["x-repo-commit"]).toBe(first.commitOid);

  // list pagination: absolute Link with a space after ";", keeping the query.
  for (const n of [1, 2]) await request.post(`${E2E_URL}/api/repos/create`, { headers: auth(), data: { name: `more-${n}` } });
  const page1 = await request.get(`${E2E_URL}/api/models?author=${user}&limit=2&expand=sha`);
  const link = page1.headers()["link"];
  expect(link).toMatch(/^<http:\/\/localhost:\d+\/api\/models\?.*author=.*limit=2.*expand=sha.*cursor=.*>; rel="next"$/);
  const page2 = await request.get(link!.slice(1, link!.indexOf(">")));
  expect(page2.headers()["link"]).toBeUndefined();
  expect((await page1.json()).length + (await page2.json()).length).toBe(3);

  // CORS on the API for browser code on other origins (gotcha 20).
  const pre = await request.fetch(`${E2E_URL}/api/models/${repo}/tree/main`, { method: "OPTIONS", headers: { Origin: "https://notebook.example" } });
  expect(pre.status()).toBe(204);
  expect(pre.headers()["access-control-allow-headers"]).toContain("Authorization");
  const cors = await request.get(`${E2E_URL}/api/models/${repo}`, { headers: { Origin: "https://notebook.example" } });
  expect(cors.headers()["access-control-allow-origin"]).toBe("*");
  expect(cors.headers()["access-control-expose-headers"]).toContain("X-Error-Code");

  // delete: 404 RepoNotFound afterwards.
  expect((await request.delete(`${E2E_URL}/api/repos/delete`, { headers: auth(), data: { name: "proto", organization: user } })).status()).toBe(200);
  expect((await request.get(`${E2E_URL}/api/models/${repo}`)).headers()["x-error-code"]).toBe("RepoNotFound");
});
