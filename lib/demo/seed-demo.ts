// Demo content for a fresh install: one public model with a real card and files,
// so the hub has something to show. Idempotent: skipped once the repo exists.
import crypto from "node:crypto";
import { db } from "../db/client";
import { createUser } from "../auth/users";
import { createRepo } from "../repos/create-repo";
import { commitFiles } from "../repos/commit-files";
import { storeBytes } from "../repos/ingest-blob";

const OWNER = "modelhub";
const NAME = "tiny-mlp-demo";

const README = `---
license: apache-2.0
library_name: safetensors
pipeline_tag: tabular-classification
tags:
  - demo
  - mlp
---

# Tiny MLP (demo)

A two-layer perceptron stored as **safetensors**, shipped with every Modelhub install so there is
something to browse right away.

<Callout type="info" title="Demo content">
This repo was created by the Modelhub installer. Delete it or keep it as an example.
</Callout>

## Files

| file | what it holds |
| --- | --- |
| \`model.safetensors\` | weights: \`dense.weight\` (4x8, F32), \`dense.bias\` (8), \`out.weight\` (8x3), \`out.bias\` (3) |
| \`config.json\` | architecture and label names |

## Usage

\`\`\`python
from huggingface_hub import hf_hub_download
path = hf_hub_download("${OWNER}/${NAME}", "model.safetensors")
\`\`\`
`;

/** A valid safetensors file with deterministic pseudo-random F32 weights. */
export function tinySafetensors(): Buffer {
  const shapes: [string, number[]][] = [["dense.bias", [8]], ["dense.weight", [4, 8]], ["out.bias", [3]], ["out.weight", [8, 3]]];
  const header: Record<string, unknown> = { __metadata__: { format: "pt" } };
  let offset = 0;
  for (const [name, shape] of shapes) {
    const bytes = shape.reduce((a, b) => a * b, 1) * 4;
    header[name] = { dtype: "F32", shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = Buffer.from(JSON.stringify(header));
  json = Buffer.concat([json, Buffer.alloc((8 - (json.length % 8)) % 8, 0x20)]);
  const data = Buffer.alloc(offset);
  const rng = crypto.createHash("sha256").update("modelhub-demo").digest();
  for (let i = 0; i < offset / 4; i++) data.writeFloatLE((rng[i % 32]! - 128) / 256, i * 4);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([len, json, data]);
}

export async function seedDemo(): Promise<boolean> {
  const existing = await db().repo.findFirst({ where: { type: "model", name: NAME, owner: { username: OWNER } }, select: { id: true } });
  if (existing) return false;
  const user =
    (await db().user.findUnique({ where: { username: OWNER } })) ??
    (await createUser({ username: OWNER, email: "demo@modelhub.invalid", password: crypto.randomBytes(24).toString("base64url") }));
  const repo = await createRepo({ owner: user, name: NAME, private: false, license: "apache-2.0" });
  const files: [string, Buffer][] = [
    ["README.md", Buffer.from(README)],
    ["config.json", Buffer.from(JSON.stringify({ architecture: "mlp", inputs: 4, hidden: 8, labels: ["setosa", "versicolor", "virginica"] }, null, 2) + "\n")],
    ["model.safetensors", tinySafetensors()],
  ];
  const stored = await Promise.all(files.map(async ([path, bytes]) => ({ path, blob: await storeBytes(bytes) })));
  await commitFiles({
    repoId: repo.id,
    branch: "main",
    author: user,
    contentOf: "trusted", // bytes the hub wrote itself
    title: "Add the demo model",
    operations: stored.map(({ path, blob }) => ({ op: "put", path, sha256: blob.sha256 })),
  });
  return true;
}
