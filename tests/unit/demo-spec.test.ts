// The card's demo section (checked with reasons), the seeded cards themselves,
// and the input encoding and output decoding the in-browser demo relies on.
import { describe, expect, it } from "vitest";
import { parseCard } from "../../lib/cards/front-matter";
import { validateCardData } from "../../lib/cards/validate-card";
import { parseDemoSpec } from "../../lib/demo/demo-spec";
import { decodeOutput, encodedWidth, encodeFeatures, pixelTransform, softmax } from "../../lib/demo/demo-io";
import { parseLabels } from "../../lib/demo/demo-config";
import { carsCard, centernetCard, emotionCard, movenetCard, penguinCard, spamCard } from "../../lib/demo/demo-cards";
import { bagOfWords, tokenizer } from "../../lib/finetune/tokenizer";

const card = (md: string) => parseCard(md).data;
const spec = (data: Record<string, unknown>, files: string[]) => parseDemoSpec(data, files);

describe("demo section", () => {
  it("reads every seeded card into a usable spec, with its examples", () => {
    const history = [{ epoch: 1, loss: 0.1, acc: 0.9, valLoss: 0.2, valAcc: 0.95, seconds: 1, samplesPerSecond: 10 }];
    const cases: [string, string[], string][] = [
      [movenetCard(), ["model.json", "examples/person.jpg"], "keypoint-detection"],
      [centernetCard(), ["model.json", "labels.json", "examples/group.jpg"], "object-detection"],
      [emotionCard(), ["model.json", "labels.json", "examples/face.jpg"], "image-classification"],
      [spamCard({ history, trainSamples: 8, valSamples: 2 }), ["model.json", "labels.json", "vocab.txt"], "text-classification"],
      [penguinCard({ history, trainSamples: 8, valSamples: 2, features: [{ name: "Island", type: "category", values: ["A", "B"] }, { name: "Mass (g)", type: "number", mean: 4000, std: 800, min: 2700, max: 6300 }] }), ["model.json", "labels.json"], "tabular-classification"],
      [carsCard({ features: [{ name: "Origin", type: "category", values: ["Japan", "USA"] }, { name: "Cylinders", type: "number", mean: 5, std: 1.7, min: 3, max: 8 }], trainSamples: 8, valSamples: 2, valMae: 1.9, epochs: 3 }), ["model.json"], "tabular-regression"],
    ];
    for (const [md, files, task] of cases) {
      const c = parseCard(md);
      expect(c.errors).toEqual([]);
      expect(validateCardData(c.data, c.keyLines, files)).toEqual([]);
      const r = spec(c.data, files);
      expect(r.problems).toEqual([]);
      expect(r.spec!.task).toBe(task);
      expect(r.spec!.examples.length).toBeGreaterThan(0);
    }
    const pose = spec(card(movenetCard()), ["model.json", "examples/person.jpg"]).spec!;
    expect(pose.image).toEqual({ width: 192, height: 192, channels: 3, dtype: "int32", range: [0, 255], layout: "nhwc" });
    expect(pose.keypoints!.names).toHaveLength(17);
  });

  it("explains what is wrong, with the README line", () => {
    const md = `---\npipeline_tag: object-detection\ndemo:\n  model: ../model.json\n  input: { size: [5000, 3], channels: 2, range: [1, 0] }\n  output: { decoder: probabilities, threshold: 3 }\nwidget:\n  - src: missing.jpg\n---\n`;
    const c = parseCard(md);
    const problems = validateCardData(c.data, c.keyLines, ["model.json"]);
    const text = problems.map((p) => p.message).join("\n");
    for (const m of ["model must be a relative path", "labels is required", "output.decoder for object-detection must be boxes-xyxy-score-class", "output.threshold", "input.size", "input.channels", "input.range", "widget[0].src: missing.jpg is not in the repo"]) {
      expect(text).toContain(m);
    }
    expect(problems.every((p) => p.line === 3)).toBe(true);
    expect(spec({ demo: "yes" }, []).problems).toEqual(["must be a mapping (task, model, input, output…)"]);
    expect(spec({ demo: { task: "text-generation" } }, ["model.json"]).problems[0]).toMatch(/^task must be one of/);
    expect(spec({ demo: { task: "text-classification", labels: "l.txt" } }, ["model.json", "l.txt"]).problems.join()).toMatch(/tokenizer is required/);
    expect(spec({ demo: { task: "tabular-regression", features: [{ name: "x", std: 0 }] } }, ["model.json"]).problems.join()).toMatch(/std above 0/);
    expect(spec({}, []).spec).toBeNull();
  });
});

describe("demo inputs and outputs", () => {
  it("encodes tabular rows: categories one-hot, numbers standardised, bad values refused", () => {
    const f = [{ name: "island", type: "category" as const, values: ["a", "b", "c"] }, { name: "mass", type: "number" as const, mean: 10, std: 2 }];
    expect(encodeFeatures(f, { island: "b", mass: 14 })).toEqual([0, 1, 0, 2]);
    expect(encodedWidth(f)).toBe(4); // the warm-up's blank input has the width of a real one
    expect(encodeFeatures(f, { island: "c", mass: "8" })).toEqual([0, 0, 1, -1]);
    expect(() => encodeFeatures(f, { island: "z", mass: 1 })).toThrow(/island: choose one of a, b, c/);
    expect(() => encodeFeatures(f, { island: "a", mass: "" })).toThrow(/mass: enter a number/);
  });

  it("tokenizes text the same way as training, as ids or a bag of words", () => {
    const vocab = ["[PAD]", "[UNK]", "free", "prize", "meeting"];
    expect(tokenizer(vocab, 5)("FREE prize, now!")).toEqual([2, 3, 1, 0, 0]);
    expect(bagOfWords(vocab)("Free free PRIZE unknown")).toEqual([0, 0, 1, 1, 0]);
  });

  it("decodes class scores, boxes in pixels or fractions, keypoints and values", () => {
    const labels = ["cat", "dog", "owl"];
    const base = { image: { width: 200, height: 100, channels: 3 as const, dtype: "float32" as const, range: [0, 1] as [number, number], layout: "nhwc" as const }, keypoints: null };
    const out = (o: Partial<Parameters<typeof decodeOutput>[0]["output"]>) => ({ ...base, output: { tensor: null, decoder: "probabilities" as const, coordinates: "normalized" as const, threshold: 0.3, topK: 2, unit: null, ...o } });
    expect(decodeOutput(out({}), labels, [0.1, 0.7, 0.2], [1, 3])).toEqual({ kind: "classes", top: [{ label: "dog", score: 0.7 }, { label: "owl", score: 0.2 }] });
    const l = decodeOutput(out({ decoder: "logits", topK: 3 }), labels, [0, 0, Math.log(2)], [1, 3]);
    expect(l.kind === "classes" && l.top.map((t) => [t.label, +t.score.toFixed(2)])).toEqual([["owl", 0.5], ["cat", 0.25], ["dog", 0.25]]);
    const boxes = decodeOutput(out({ decoder: "boxes-xyxy-score-class", coordinates: "input-pixels" }), labels, [20, 10, 120, 60, 0.9, 2, 0, 0, 10, 10, 0.1, 0, 150, 0, 250, 50, 0.5, 1], [1, 3, 6]);
    expect(boxes).toEqual({ kind: "boxes", boxes: [{ label: "owl", score: 0.9, x: 0.1, y: 0.1, width: 0.5, height: 0.5 }, { label: "dog", score: 0.5, x: 0.75, y: 0, width: 0.25, height: 0.5 }] });
    const kp = decodeOutput({ ...out({ decoder: "keypoints-yxs" }), keypoints: { names: ["nose", "eye"], skeleton: [[0, 1]] } }, [], [0.25, 0.5, 0.9, 1.5, -0.2, 0.1], [1, 1, 2, 3]);
    expect(kp).toEqual({ kind: "keypoints", points: [{ name: "nose", y: 0.25, x: 0.5, score: 0.9 }, { name: "eye", y: 1, x: 0, score: 0.1 }], skeleton: [[0, 1]], threshold: 0.3 });
    expect(decodeOutput(out({ decoder: "value", unit: "mpg" }), [], [21.5], [1, 1])).toEqual({ kind: "value", value: 21.5, unit: "mpg" });
    expect(() => decodeOutput(out({ decoder: "boxes-xyxy-score-class" }), labels, [1, 2, 3, 4], [1, 4])).toThrow(/6 numbers per row/);
  });

  it("maps pixels onto the model's range and normalises scores", () => {
    expect(pixelTransform([-1, 1])).toEqual({ scale: 2 / 255, offset: -1 });
    expect(pixelTransform([0, 255])).toEqual({ scale: 1, offset: 0 });
    expect(softmax([1, 1]).map((x) => +x.toFixed(3))).toEqual([0.5, 0.5]);
  });

  it("reads labels files as JSON arrays, index maps or lines", () => {
    expect(parseLabels('["a","b"]')).toEqual(["a", "b"]);
    expect(parseLabels('{"0":"a","2":"c"}')).toEqual(["a", "1", "c"]);
    expect(parseLabels("a\n\nb\r\n")).toEqual(["a", "b"]);
    expect(parseLabels("{broken")).toEqual([]);
    expect(parseLabels('{"99999999":"x"}')).toEqual([]);
  });
});
