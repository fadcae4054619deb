// Transfer learning with TF.js: the base model up to its penultimate layer is
// the feature extractor, a new softmax head learns the labels. With the base
// frozen, features are computed once and only the head trains (much faster);
// with `unfreeze` > 0 the top layers of the base train too. Seeded: the same
// recipe on the same data gives the same weights.
import * as tf from "@tensorflow/tfjs";

export type TrainParams = { epochs: number; learningRate: number; batchSize: number; validationSplit: number; seed: number; unfreeze: number };
export type EpochMetrics = { epoch: number; loss: number; acc: number; valLoss: number | null; valAcc: number | null; seconds: number; samplesPerSecond: number };
export type TrainHooks = {
  log?: (line: string) => void;
  epoch?: (m: EpochMetrics) => void | Promise<void>;
  /** Asked between batches (at most every second): a reason to stop, or null. */
  shouldStop?: () => Promise<string | null>;
  /** Told the split before training: the labels it trains on and those it is judged on. */
  onSplit?: (trainLabels: number[], evalLabels: number[], split: "validation" | "training") => void | Promise<void>;
};
export type TrainResult = { model: tf.LayersModel; history: EpochMetrics[]; stopped: string | null; trainSamples: number; valSamples: number; trainLabels: number[]; evalLabels: number[]; evalSplit: "validation" | "training" };

/** Deterministic PRNG (mulberry32) for shuffles and splits. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function permutation(n: number, next: () => number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

export function featureExtractor(base: tf.LayersModel): tf.LayersModel {
  if (base.layers.length < 2) throw new Error("The base model needs at least two layers (features, then its own head)");
  return tf.model({ inputs: base.inputs, outputs: base.layers[base.layers.length - 2]!.output as tf.SymbolicTensor });
}

export async function trainClassifier(base: tf.LayersModel, x: tf.Tensor, labels: number[], numClasses: number, p: TrainParams, hooks: TrainHooks = {}): Promise<TrainResult> {
  const log = hooks.log ?? (() => {});
  const next = rng(p.seed);
  const n = labels.length;
  const order = permutation(n, next);
  const nVal = p.validationSplit > 0 ? Math.max(1, Math.floor(n * p.validationSplit)) : 0;
  if (n - nVal < 1) throw new Error("Not enough examples left to train after the validation split");
  const trainIdx = order.slice(0, n - nVal);
  const valIdx = order.slice(n - nVal);
  await hooks.onSplit?.(trainIdx.map((i) => labels[i]!), (nVal ? valIdx : trainIdx).map((i) => labels[i]!), nVal ? "validation" : "training");
  const extractor = featureExtractor(base);
  const frozen = p.unfreeze <= 0;
  const trainable = extractor.layers.slice(-p.unfreeze);
  for (const l of extractor.layers) l.trainable = !frozen && trainable.includes(l);

  // With a frozen base, features are computed once: the head trains on them alone.
  const inputs = frozen ? (tf.tidy(() => extractor.predict(x, { batchSize: 64 }) as tf.Tensor)) : x;
  if (frozen) log(`Computed ${n} feature vectors of size ${inputs.shape.slice(1).join("×")} with the frozen base`);
  const head = tf.layers.dense({ units: numClasses, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: p.seed }), name: "finetuned_head" });
  const trainModel = frozen
    ? tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: inputs.shape.slice(1) as number[] }), head] })
    : tf.model({ inputs: extractor.inputs, outputs: head.apply(extractor.outputs[0]!) as tf.SymbolicTensor });
  trainModel.compile({ optimizer: tf.train.adam(p.learningRate), loss: "categoricalCrossentropy", metrics: ["accuracy"] });

  const y = tf.oneHot(tf.tensor1d(labels, "int32"), numClasses);
  const gather = (t: tf.Tensor, idx: number[]) => tf.gather(t, tf.tensor1d(idx, "int32"));
  const xVal = nVal ? gather(inputs, valIdx) : null;
  const yVal = nVal ? gather(y, valIdx) : null;
  const history: EpochMetrics[] = [];
  let stopped: string | null = null;
  let lastCheck = 0;
  for (let epoch = 1; epoch <= p.epochs && !stopped; epoch++) {
    const idx = permutation(trainIdx.length, next).map((i) => trainIdx[i]!);
    const [xe, ye] = [gather(inputs, idx), gather(y, idx)];
    const t0 = performance.now();
    const h = await trainModel.fit(xe, ye, {
      epochs: 1,
      batchSize: p.batchSize,
      shuffle: false,
      validationData: xVal && yVal ? [xVal, yVal] : undefined,
      verbose: 0,
      callbacks: {
        onBatchEnd: async () => {
          if (!hooks.shouldStop || performance.now() - lastCheck < 1000) return;
          lastCheck = performance.now();
          stopped = await hooks.shouldStop();
          if (stopped) trainModel.stopTraining = true;
        },
      },
    });
    tf.dispose([xe, ye]);
    const seconds = (performance.now() - t0) / 1000;
    const last = (k: string) => { const v = h.history[k]; return v?.length ? Number(v[v.length - 1]) : null; };
    const m: EpochMetrics = { epoch, loss: last("loss") ?? NaN, acc: last("acc") ?? last("accuracy") ?? NaN, valLoss: last("val_loss"), valAcc: last("val_acc") ?? last("val_accuracy"), seconds, samplesPerSecond: trainIdx.length / seconds };
    history.push(m);
    log(`epoch ${epoch}/${p.epochs}: loss ${m.loss.toFixed(4)} acc ${m.acc.toFixed(3)}${m.valLoss !== null ? ` · val loss ${m.valLoss.toFixed(4)} val acc ${m.valAcc?.toFixed(3)}` : ""} · ${m.samplesPerSecond.toFixed(0)} samples/s`);
    await hooks.epoch?.(m);
  }
  tf.dispose([y, ...(xVal ? [xVal] : []), ...(yVal ? [yVal] : []), ...(frozen ? [inputs] : [])]);

  // The published model takes the base's inputs: extractor + trained head.
  let model: tf.LayersModel = trainModel;
  if (frozen) {
    const finalHead = tf.layers.dense({ units: numClasses, activation: "softmax", name: "finetuned_head" });
    model = tf.model({ inputs: extractor.inputs, outputs: finalHead.apply(extractor.outputs[0]!) as tf.SymbolicTensor });
    finalHead.setWeights(head.getWeights());
  }
  // the baseline is scored on the same examples as the model: the validation split, or the training data without one
  const evalIdx = nVal ? valIdx : trainIdx;
  return { model, history, stopped, trainSamples: trainIdx.length, valSamples: nVal, trainLabels: trainIdx.map((i) => labels[i]!), evalLabels: evalIdx.map((i) => labels[i]!), evalSplit: nVal ? "validation" : "training" };
}

/** model.json + one weights shard, as TF.js writes them. */
export async function serializeModel(model: tf.LayersModel): Promise<{ modelJson: string; weights: Buffer }> {
  let out: { modelJson: string; weights: Buffer } | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const weights = Buffer.from(a.weightData as ArrayBuffer);
      const json = { format: "layers-model", generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`, convertedBy: "Modelhub fine-tuning", modelTopology: a.modelTopology, weightsManifest: [{ paths: ["weights.bin"], weights: a.weightSpecs }] };
      out = { modelJson: JSON.stringify(json), weights };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
  return out!;
}
