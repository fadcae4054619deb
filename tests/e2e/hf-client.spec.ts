// The official @huggingface/hub client, pointed at Modelhub, works unchanged:
// create, upload (inline, LFS basic and LFS multipart), list, download, older
// revisions, delete file, delete repo; read-only and missing tokens cannot write.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { expect, test } from "./fixtures";
import * as hub from "@huggingface/hub";
import { E2E_DATA_DIR, E2E_URL } from "./hub-env";

const id = crypto.randomBytes(3).toString("hex");
const username = `hf-${id}`;

function hubctl(...args: string[]): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/hubctl.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, MODELHUB_DATA_DIR: E2E_DATA_DIR },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim().split("\n").pop()!;
}

test("the @huggingface/hub client publishes and fetches models", async () => {
  const token = hubctl("user", "create", "--email", `${username}@example.test`, "--username", username, "--password", "hf client password", "--token");
  const readToken = hubctl("token", "create", "--username", username, "--role", "read", "--name", "read-only");
  const credentials = { accessToken: token };
  const hubUrl = E2E_URL;
  const repo = { type: "model" as const, name: `${username}/client-model` };

  const me = await hub.whoAmI({ credentials, hubUrl });
  expect(me.name).toBe(username);

  await hub.createRepo({ repo, credentials, hubUrl, license: "mit" });
  await expect(hub.createRepo({ repo, credentials, hubUrl })).rejects.toThrow(/already/i);

  const small = new Blob(["---\nlicense: mit\npipeline_tag: text-classification\n---\n# Client model\n"]);
  const lfsBasic = crypto.randomBytes(12 * 1024 * 1024); // > 10 MiB: LFS, one PUT
  const lfsMultipart = crypto.randomBytes(40 * 1024 * 1024 + 17); // > 32 MiB: LFS, in parts
  await hub.uploadFiles({
    repo,
    credentials,
    hubUrl,
    useXet: false,
    files: [
      { path: "README.md", content: small },
      { path: "config.json", content: new Blob(['{"labels": 2}']) },
      { path: "weights/part1.bin", content: new Blob([lfsBasic]) },
      { path: "weights/model.safetensors", content: new Blob([lfsMultipart]) },
    ],
  });

  const files: string[] = [];
  for await (const f of hub.listFiles({ repo, credentials, hubUrl, recursive: true })) if (f.type === "file") files.push(f.path);
  expect(files.sort()).toEqual([".gitattributes", "README.md", "config.json", "weights/model.safetensors", "weights/part1.bin"]);

  const info = await hub.modelInfo({ name: repo.name, credentials, hubUrl, additionalFields: ["sha", "cardData"] });
  expect(info.task).toBe("text-classification");
  const firstSha = (info as unknown as { sha: string }).sha;
  expect(firstSha).toMatch(/^[0-9a-f]{40}$/);

  const blob = await hub.downloadFile({ repo, path: "weights/model.safetensors", credentials, hubUrl });
  expect(Buffer.from(await blob!.arrayBuffer()).equals(lfsMultipart)).toBe(true);
  const slice = await blob!.slice(100, 200).arrayBuffer();
  expect(Buffer.from(slice).equals(lfsMultipart.subarray(100, 200))).toBe(true);
  expect(await hub.downloadFile({ repo, path: "nope.bin", credentials, hubUrl })).toBeNull();

  await hub.deleteFile({ repo, path: "config.json", credentials, hubUrl });
  expect(await hub.fileExists({ repo, path: "config.json", credentials, hubUrl })).toBe(false);
  const old = await hub.downloadFile({ repo, path: "config.json", revision: firstSha, credentials, hubUrl });
  expect(await old!.text()).toBe('{"labels": 2}');

  const models: string[] = [];
  for await (const m of hub.listModels({ search: { owner: username }, hubUrl, credentials })) models.push(m.name);
  expect(models).toContain(repo.name);

  // Writes need a write token.
  await expect(hub.uploadFiles({ repo, credentials: { accessToken: readToken }, hubUrl, useXet: false, files: [{ path: "x.txt", content: new Blob(["x"]) }] })).rejects.toThrow();
  const anon = await fetch(`${hubUrl}/api/repos/create`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "x", organization: username }) });
  expect(anon.status).toBe(401);

  // Someone without write access proposes a change: the client's isPullRequest (create_pr=1), LFS included.
  const outsiderToken = hubctl("user", "create", "--email", `pr-${username}@example.test`, "--username", `pr-${username}`, "--password", "hf client password", "--token");
  const proposed = crypto.randomBytes(11 * 1024 * 1024);
  const pr = await hub.uploadFiles({ repo, credentials: { accessToken: outsiderToken }, hubUrl, useXet: false, isPullRequest: true, files: [{ path: "weights/proposed.bin", content: new Blob([proposed]) }] });
  expect(pr?.pullRequestUrl).toBe(`${hubUrl}/${repo.name}/discussions/1`);
  expect(await hub.fileExists({ repo, path: "weights/proposed.bin", credentials, hubUrl })).toBe(false);
  const onPr = await hub.downloadFile({ repo, path: "weights/proposed.bin", revision: "refs/pr/1", credentials, hubUrl });
  expect(Buffer.from(await onPr!.arrayBuffer()).equals(proposed)).toBe(true);

  await hub.deleteRepo({ repo, credentials, hubUrl });
  await expect(hub.modelInfo({ name: repo.name, credentials, hubUrl })).rejects.toThrow();
});
