// Many repos fast, for benchmarks and load tests: one real repo made through
// createRepo, then N more generated inside PostgreSQL in batches, each with a
// realistic catalogue entry (task, library, license, languages, tags, datasets,
// base models, skewed download and like counts, a full-text document) and a main
// branch pointing at the real repo's initial commit (commits are shared objects,
// so this is a valid repo state: every synthetic model page opens).
import { db } from "../db/client";
import { createUser } from "../auth/users";
import { createRepo } from "../repos/create-repo";

// Weighted by how often they occur on public hubs (the first ones dominate).
const TASKS = ["text-generation", "text-classification", "image-classification", "automatic-speech-recognition", "token-classification", "feature-extraction", "text-to-image", "object-detection", "translation", "summarization", "question-answering", "fill-mask", "image-segmentation", "sentence-similarity", "zero-shot-classification", "text-to-speech", "image-to-text", "tabular-classification"];
const LIBRARIES = ["transformers", "diffusers", "sentence-transformers", "peft", "gguf", "timm", "onnx", "tfjs", "keras", "pytorch", "setfit", "mlx"];
const LICENSES = ["apache-2.0", "mit", "other", "cc-by-4.0", "cc-by-nc-4.0", "llama3.1", "openrail", "gemma", "creativeml-openrail-m", "bsd-3-clause", "cc-by-sa-4.0", "gpl-3.0"];
const LANGUAGES = ["en", "zh", "fr", "de", "es", "ja", "ru", "ko", "pt", "it", "ar", "hi", "nl", "tr", "pl", "vi", "sv", "id", "fa", "uk"];
const TAGS = ["finetuned", "lora", "quantized", "4-bit", "8-bit", "chat", "conversational", "medical", "legal", "code", "math", "vision", "audio", "multilingual", "instruct", "distilled", "merge", "safetensors", "int8", "edge"];
const DATASETS = ["imdb", "squad", "glue", "common_voice", "librispeech", "imagenet-1k", "coco", "wikitext", "c4", "the_pile", "openassistant", "alpaca", "mnli", "conll2003", "cifar10"];
const WORDS = ["bert", "vit", "resnet", "whisper", "llama", "gemma", "mobilenet", "clip", "t5", "yolo", "mistral", "phi", "qwen", "sam", "detr", "roberta", "deberta", "bloom", "falcon", "stable-diffusion"];
const SUFFIX = ["base", "small", "large", "tiny", "finetuned", "distilled", "int8", "gguf", "onnx", "tfjs", "instruct", "chat", "v2", "lora", "xl"];
const BASES = ["meta-llama/Llama-3.1-8B", "google/gemma-2-9b", "mistralai/Mistral-7B-v0.3", "google-bert/bert-base-uncased", "openai/whisper-small", "google/vit-base-patch16-224", "Qwen/Qwen2.5-7B", "microsoft/phi-3-mini"];

const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]::text[]`;

export async function seedSyntheticRepos(count: number, opts: { owners?: number; log?: (m: string) => void } = {}): Promise<void> {
  const ownerCount = Math.max(1, opts.owners ?? Math.ceil(count / 200));
  const first = (await db().user.findUnique({ where: { username: "synthetic-0" } })) ?? (await createUser({ username: "synthetic-0", email: "synthetic-0@synthetic.invalid", password: "synthetic-0-password" }));
  // Owners without a usable password (no sign-in), made in SQL: hashing thousands of passwords would dominate.
  await db().$executeRawUnsafe(`
    INSERT INTO "User" (id, username, email, "passwordHash")
    SELECT 'synu' || i, 'synthetic-' || i, 'synthetic-' || i || '@synthetic.invalid', '!' FROM generate_series(1, ${ownerCount - 1}) i
    ON CONFLICT DO NOTHING`);
  const template = await createRepo({ owner: first, name: `template-${Date.now()}`, private: false, license: "apache-2.0" });
  const tag = Date.now().toString(36);
  // Numbers continue after earlier runs, so names stay unique when a catalogue is grown in steps.
  const offset = await db().repo.count({ where: { id: { startsWith: "syn" } } });
  const BATCH = 50_000;
  for (let from = 0; from < count; from += BATCH) {
    const start = offset + from;
    const end = offset + Math.min(from + BATCH, count) - 1;
    // Deterministic pseudo-random picks from i: hashes skew the distributions (power law via squares).
    await db().$executeRawUnsafe(`
      WITH m AS (
        SELECT i, md5(i::text) AS m1, md5('popularity' || i) AS m2 FROM generate_series(${start}, ${end}) i
      ), g AS (
        -- h1..h3 pick what a model is; d, e, f how popular it is (independent of what it is)
        SELECT i, ('x' || substr(m1, 1, 8))::bit(32)::int AS h1, ('x' || substr(m1, 9, 8))::bit(32)::int AS h2, ('x' || substr(m1, 17, 8))::bit(32)::int AS h3,
          abs(('x' || substr(m2, 1, 8))::bit(32)::int) AS d, abs(('x' || substr(m2, 9, 8))::bit(32)::int) AS e, abs(('x' || substr(m2, 17, 8))::bit(32)::int) AS f
        FROM m
      ), p AS (
        SELECT i, abs(h1) AS a, abs(h2) AS b, abs(h3) AS c, d, e, f,
          (${arr(TASKS)})[1 + floor(power((abs(h1) % 1000) / 1000.0, 2) * ${TASKS.length})::int] AS task,
          (${arr(LIBRARIES)})[1 + floor(power((abs(h2) % 1000) / 1000.0, 2) * ${LIBRARIES.length})::int] AS lib,
          (${arr(LICENSES)})[1 + floor(power((abs(h3) % 1000) / 1000.0, 2) * ${LICENSES.length})::int] AS lic
        FROM g
      )
      INSERT INTO "Repo" (id, "ownerId", name, license, downloads, likes, trending, "createdAt", "updatedAt", "pipelineTag", "libraryName", languages, tags, datasets, "baseModels", "baseModelRelation", search)
      SELECT 'syn${tag}' || i,
        CASE WHEN i % ${ownerCount} = 0 THEN '${first.id}' ELSE 'synu' || (i % ${ownerCount}) END,
        (${arr(WORDS)})[1 + i % ${WORDS.length}] || '-' || (${arr(SUFFIX)})[1 + (i / ${WORDS.length}) % ${SUFFIX.length}] || '-' || i,
        lic,
        floor(power((d % 10000) / 10000.0, 6) * 2000000)::int,
        floor(power((e % 10000) / 10000.0, 8) * 5000)::int,
        power((f % 10000) / 10000.0, 10) * 500,
        now() - make_interval(secs => ${count} - i), now() - make_interval(secs => (f % 86400) * 30),
        task, lib,
        CASE WHEN a % 3 = 0 THEN ARRAY[(${arr(LANGUAGES)})[1 + floor(power((b % 1000) / 1000.0, 2) * ${LANGUAGES.length})::int]] WHEN a % 3 = 1 THEN ARRAY['en'] ELSE ARRAY[]::text[] END,
        -- a tag list holds each tag once, as the card index writes it
        ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[(${arr(TAGS)})[1 + a % ${TAGS.length}], (${arr(TAGS)})[1 + b % ${TAGS.length}], task, lib, 'license:' || lic] || CASE WHEN a % 3 = 0 THEN ARRAY[(${arr(LANGUAGES)})[1 + floor(power((b % 1000) / 1000.0, 2) * ${LANGUAGES.length})::int]] WHEN a % 3 = 1 THEN ARRAY['en'] ELSE ARRAY[]::text[] END) x),
        ARRAY[(${arr(DATASETS)})[1 + c % ${DATASETS.length}]],
        CASE WHEN a % 4 = 0 THEN ARRAY[(${arr(BASES)})[1 + b % ${BASES.length}]] ELSE ARRAY[]::text[] END,
        CASE WHEN a % 4 = 0 THEN (ARRAY['finetune','adapter','quantized','merge'])[1 + c % 4] END,
        setweight(to_tsvector('simple', (${arr(WORDS)})[1 + i % ${WORDS.length}] || ' ' || (${arr(SUFFIX)})[1 + (i / ${WORDS.length}) % ${SUFFIX.length}] || ' ' || i), 'A')
          || setweight(to_tsvector('simple', task || ' ' || lib || ' ' || (${arr(TAGS)})[1 + a % ${TAGS.length}]), 'B')
          || setweight(to_tsvector('english', 'A ' || lib || ' model for ' || replace(task, '-', ' ') || ' trained on ' || (${arr(DATASETS)})[1 + c % ${DATASETS.length}] || '.'), 'D')
      FROM p ON CONFLICT DO NOTHING`);
    await db().$executeRawUnsafe(`
      INSERT INTO "Ref" ("repoId", kind, name, "commitId")
      SELECT 'syn${tag}' || i, 'branch', 'main', '${template.commitId}' FROM generate_series(${start}, ${end}) i ON CONFLICT DO NOTHING`);
    opts.log?.(`  ${end + 1 - offset} / ${count}`);
  }
  // Bulk inserts leave the GIN indexes' pending lists long and the statistics stale:
  // flush and re-analyze every table written (the catalogue's change log logged each
  // new repo), as autovacuum would some time later, in the middle of other work.
  await db().$executeRawUnsafe(`VACUUM ANALYZE "Repo", "Ref", "User", "CatalogueChange"`);
}
