// Many repos fast, for benchmarks and load tests: one real repo made through
// createRepo, then N more inserted in batches whose main branch points at its
// initial commit (commits are shared objects, so this is a valid repo state).
import { db } from "../db/client";
import { createUser } from "../auth/users";
import { createRepo } from "../repos/create-repo";

const WORDS = ["bert", "vit", "resnet", "whisper", "llama", "gemma", "mobilenet", "clip", "t5", "yolo", "mistral", "phi", "qwen", "sam", "detr"];
const SUFFIX = ["base", "small", "large", "tiny", "finetuned", "distilled", "int8", "gguf", "onnx", "tfjs"];

export async function seedSyntheticRepos(count: number, opts: { owners?: number; log?: (m: string) => void } = {}): Promise<void> {
  const ownerCount = Math.max(1, opts.owners ?? Math.ceil(count / 200));
  const owners: { id: string; username: string; email: string }[] = [];
  for (let i = 0; i < ownerCount; i++) {
    const username = `synthetic-${i}`;
    owners.push(
      (await db().user.findUnique({ where: { username } })) ??
        (await createUser({ username, email: `${username}@synthetic.invalid`, password: `synthetic-${i}-password` })),
    );
  }
  const template = await createRepo({ owner: owners[0]!, name: `template-${Date.now()}`, private: false, license: "apache-2.0" });
  const BATCH = 1000;
  for (let start = 0; start < count; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => {
      const i = start + k;
      const owner = owners[i % ownerCount]!;
      return {
        id: `syn${Date.now().toString(36)}${i.toString(36).padStart(8, "0")}`,
        ownerId: owner.id,
        name: `${WORDS[i % WORDS.length]}-${SUFFIX[Math.floor(i / WORDS.length) % SUFFIX.length]}-${i}`,
        license: "apache-2.0",
        downloads: (i * 7919) % 100_000,
        createdAt: new Date(Date.now() - (count - i) * 1000),
      };
    });
    await db().$transaction([
      db().repo.createMany({ data: rows, skipDuplicates: true }),
      db().ref.createMany({ data: rows.map((r) => ({ repoId: r.id, kind: "branch" as const, name: "main", commitId: template.commitId })), skipDuplicates: true }),
    ]);
    opts.log?.(`  ${Math.min(start + BATCH, count)} / ${count}`);
  }
}
