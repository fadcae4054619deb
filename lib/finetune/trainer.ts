// Transfer learning with TF.js: the base model up to its penultimate layer is
// the feature extractor, a new head learns the labels (softmax) or a number (linear,
// on standardised targets, rescaled into the target's units when done). With the base
// frozen, features are computed once and only the head trains (much faster);
// with `unfreeze` > 0 the top layers of the base train too. Seeded: the same
// recipe on the same data gives the same weights.
import * as tf from "@tensorflow/tfjs";

export type TrainParams = { epochs: number; learningRate: number; batchSize: number; validationSplit: number; seed: number; unfreeze: number };
/** Classifiers report accuracy; regressors report mean absolute error in the target's units (and their loss is its mean squared error). */
export type EpochMetrics = { epoch: number; loss: number; acc: number | null; valLoss: number | null; valAcc: number | null; mae?: number | null; valMae?: number | null; seconds: number; samplesPerSecond: number };
/** What the head learns: one of `numClasses` labels per example, or a number. */
export type Target = { kind: "classes"; labels: number[]; numClasses: number } | { kind: "values"; values: number[] };
export type TrainHooks = {
  log?: (line: string) => void;
  epoch?: (m: EpochMetrics) => void | Promise<void>;
  /** Asked between batches (at most every second): a reason to stop, or null. */
  shouldStop?: () => Promise<string | null>;
  /** Told the split before training: the labels it trains on and those it is judged on. */
  onSplit?: (trainLabels: number[], evalLabels: number[], split: "validation" | "training") => void | Promise<void>;
};
/** trainLabels/evalLabels: class indices, or target values for a regressor; evalPredictions: a regressor's final predictions on the evaluation examples. */
export type TrainResult = { model: tf.LayersModel; history: EpochMetrics[]; stopped: string | null; trainSamples: number; valSamples: number; trainLabels: number[]; evalLabels: number[]; evalSplit: "validation" | "training"; evalPredictions: number[] };

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

export function trainClassifier(base: tf.LayersModel, x: tf.Tensor, labels: number[], numClasses: number, p: TrainParams, hooks: TrainHooks = {}): Promise<TrainResult> {
  return trainHead(base, x, { kind: "classes", labels, numClasses }, p, hooks);
}

export async function trainHead(base: tf.LayersModel, x: tf.Tensor, target: Target, p: TrainParams, hooks: TrainHooks = {}): Promise<TrainResult> {
  const log = hooks.log ?? (() => {});
  const labels = target.kind === "classes" ? target.labels : target.values;
  const regression = target.kind === "values";
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
  const units = target.kind === "classes" ? target.numClasses : 1;
  const activation = regression ? "linear" : "softmax";
  const head = tf.layers.dense({ units, activation, kernelInitializer: tf.initializers.glorotUniform({ seed: p.seed }), name: "finetuned_head" });
  const trainModel = frozen
    ? tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: inputs.shape.slice(1) as number[] }), head] })
    : tf.model({ inputs: extractor.inputs, outputs: head.apply(extractor.outputs[0]!) as tf.SymbolicTensor });
  trainModel.compile({ optimizer: tf.train.adam(p.learningRate), loss: regression ? "meanSquaredError" : "categoricalCrossentropy", metrics: [regression ? "mae" : "accuracy"] });

  // A regressor trains on targets standardised by the training split's mean and spread (any
  // scale trains alike); its metrics and its published head are put back into the target's units.
  const trainValues = trainIdx.map((i) => labels[i]!);
  const mean = regression ? trainValues.reduce((a, b) => a + b, 0) / trainValues.length : 0;
  const std = regression ? Math.sqrt(trainValues.reduce((a, b) => a + (b - mean) ** 2, 0) / trainValues.length) || 1 : 1;
  const y = target.kind === "classes" ? tf.oneHot(tf.tensor1d(labels, "int32"), target.numClasses) : tf.tensor2d(target.values.map((v) => [(v - mean) / std]));
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
    const scaled = (k: string, f: number) => { const v = last(k); return v === null ? null : v * f; };
    const m: EpochMetrics = regression
      ? { epoch, loss: scaled("loss", std * std) ?? NaN, acc: null, valLoss: scaled("val_loss", std * std), valAcc: null, mae: scaled("mae", std), valMae: scaled("val_mae", std), seconds, samplesPerSecond: trainIdx.length / seconds }
      : { epoch, loss: last("loss") ?? NaN, acc: last("acc") ?? last("accuracy") ?? NaN, valLoss: last("val_loss"), valAcc: last("val_acc") ?? last("val_accuracy"), seconds, samplesPerSecond: trainIdx.length / seconds };
    history.push(m);
    log(epochLine(m, p.epochs));
    await hooks.epoch?.(m);
  }
  // the baseline is scored on the same examples as the model: the validation split, or the training data without one
  const evalIdx = nVal ? valIdx : trainIdx;
  let evalPredictions: number[] = [];
  if (regression) {
    const xEval = xVal ?? gather(inputs, evalIdx);
    const out = trainModel.predict(xEval, { batchSize: 256 }) as tf.Tensor;
    evalPredictions = Array.from(await out.data(), (v) => v * std + mean);
    tf.dispose([out, ...(xVal ? [] : [xEval])]);
  }
  tf.dispose([y, ...(xVal ? [xVal] : []), ...(yVal ? [yVal] : []), ...(frozen ? [inputs] : [])]);

  // The head's weights in the target's units: w·h + b predicts (t − mean) / std, so w·std and b·std + mean predict t.
  let headWeights = head.getWeights();
  if (regression) {
    const [kernel, bias] = headWeights as [tf.Tensor, tf.Tensor];
    headWeights = [kernel.mul(std), bias.mul(std).add(mean)];
  }
  // The published model takes the base's inputs: extractor + trained head.
  let model: tf.LayersModel = trainModel;
  if (frozen) {
    const finalHead = tf.layers.dense({ units, activation, name: "finetuned_head" });
    model = tf.model({ inputs: extractor.inputs, outputs: finalHead.apply(extractor.outputs[0]!) as tf.SymbolicTensor });
    finalHead.setWeights(headWeights);
  } else if (regression) head.setWeights(headWeights);
  if (regression) tf.dispose(headWeights);
  return { model, history, stopped, trainSamples: trainIdx.length, valSamples: nVal, trainLabels: trainValues, evalLabels: evalIdx.map((i) => labels[i]!), evalSplit: nVal ? "validation" : "training", evalPredictions };
}

/** One epoch as a log line: accuracy for classifiers, mean absolute error for regressors. */
export function epochLine(m: EpochMetrics, epochs: number): string {
  const f = (v: number | null | undefined, d: number) => (v === null || v === undefined ? "n/a" : v.toFixed(d));
  const score = m.acc === null ? `mae ${f(m.mae, 4)}` : `acc ${f(m.acc, 3)}`;
  const val = m.valLoss === null ? "" : m.acc === null ? ` · val loss ${f(m.valLoss, 4)} val mae ${f(m.valMae, 4)}` : ` · val loss ${f(m.valLoss, 4)} val acc ${f(m.valAcc, 3)}`;
  return `epoch ${m.epoch}/${epochs}: loss ${f(m.loss, 4)} ${score}${val} · ${m.samplesPerSecond.toFixed(0)} samples/s`;
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
