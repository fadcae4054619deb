// Whether a fine-tune learned: its score on the validation split against a baseline
// computed on the same split. Classifiers face always answering the training data's most
// common label (accuracy, higher is better); regressors face always predicting the
// training mean (mean absolute error, lower is better). A model that does not beat it by
// more than chance would (two standard errors) did not learn, and the verdict says why
// that may be, in numbers.
import type { EpochMetrics } from "./trainer";

type Split = "validation" | "training";
export type Baseline =
  | { kind: "majority"; label: string; value: number; split: Split; examples: number }
  /** value: the mean absolute error of always predicting `mean`. */
  | { kind: "mean"; label: string; mean: number; value: number; split: Split; examples: number };
type MeanBaseline = Extract<Baseline, { kind: "mean" }>;
export type Verdict = { learned: boolean; metric: "accuracy" | "mae"; achieved: number | null; baseline: Baseline; margin: number; causes: string[] };

/** The majority-class baseline: the most common training label, scored on the evaluation examples. */
export function majorityBaseline(trainLabels: number[], evalLabels: number[], classNames: string[], split: Split): Baseline {
  const counts = new Map<number, number>();
  for (const l of trainLabels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [0];
  const hits = evalLabels.filter((l) => l === top).length;
  return { kind: "majority", label: classNames[top] ?? String(top), value: evalLabels.length ? hits / evalLabels.length : 0, split, examples: evalLabels.length };
}

/** The mean baseline: the training targets' mean, its mean absolute error on the evaluation targets. */
export function meanBaseline(trainTargets: number[], evalTargets: number[], split: Split): MeanBaseline {
  const mean = trainTargets.length ? trainTargets.reduce((a, b) => a + b, 0) / trainTargets.length : 0;
  const mae = evalTargets.length ? evalTargets.reduce((a, t) => a + Math.abs(t - mean), 0) / evalTargets.length : 0;
  return { kind: "mean", label: `the training mean, ${short(mean)}`, mean, value: mae, split, examples: evalTargets.length };
}

/** A number as people read it: three significant digits, no exponent for everyday sizes. */
export function short(x: number): string {
  return Math.abs(x) >= 1000 || x === 0 ? x.toFixed(0) : Number(x.toPrecision(3)).toString();
}

export function judge(history: EpochMetrics[], baseline: Baseline, trainLabels: number[], classNames: string[], learningRate: number): Verdict {
  const last = history[history.length - 1];
  const achieved = last ? (baseline.split === "validation" ? last.valAcc : last.acc) : null;
  // Two standard errors of an accuracy measured on this many examples at the baseline's rate
  // (chance alone rarely gets there), and never less than two points.
  const b = Math.min(Math.max(baseline.value, 0.05), 0.95);
  const margin = Math.max(0.02, baseline.examples ? 2 * Math.sqrt((b * (1 - b)) / baseline.examples) : 0);
  const learned = achieved !== null && Number.isFinite(achieved) && achieved >= baseline.value + margin;
  return { learned, metric: "accuracy", achieved, baseline, margin, causes: learned ? [] : classifierCauses(history, baseline, trainLabels, classNames, learningRate) };
}

/**
 * A regressor learned when its absolute errors on the evaluation examples are smaller than
 * the mean baseline's on the same examples by more than two standard errors of the paired
 * difference, and by at least 2% of the baseline's error.
 */
export function judgeRegression(history: EpochMetrics[], baseline: MeanBaseline, evalTargets: number[], predictions: number[], trainTargets: number[], learningRate: number): Verdict {
  const n = Math.min(evalTargets.length, predictions.length);
  const gains = Array.from({ length: n }, (_, i) => Math.abs(evalTargets[i]! - baseline.mean) - Math.abs(evalTargets[i]! - predictions[i]!));
  const achieved = n && predictions.every(Number.isFinite) ? evalTargets.slice(0, n).reduce((a, t, i) => a + Math.abs(t - predictions[i]!), 0) / n : null;
  const meanGain = n ? gains.reduce((a, g) => a + g, 0) / n : 0;
  const sd = n > 1 ? Math.sqrt(gains.reduce((a, g) => a + (g - meanGain) ** 2, 0) / (n - 1)) : 0;
  const margin = Math.max(0.02 * baseline.value, n ? (2 * sd) / Math.sqrt(n) : 0);
  const learned = achieved !== null && achieved <= baseline.value - margin;
  return { learned, metric: "mae", achieved, baseline, margin, causes: learned ? [] : regressionCauses(history, baseline, trainTargets, learningRate) };
}

/** "validation accuracy 91.0% against 50.0% for always answering "spam"…", for logs, cards and the job page. */
export function describeVerdict(v: Verdict): string {
  const b = v.baseline;
  if (b.kind === "mean") {
    const got = v.achieved === null ? "n/a" : short(v.achieved);
    return `${b.split} mean absolute error ${got}, against ${short(b.value)} for always predicting ${b.label} (the baseline, on the same ${b.examples} examples)`;
  }
  const pct = (x: number | null) => (x === null ? "n/a" : `${(x * 100).toFixed(1)}%`);
  return `${b.split} accuracy ${pct(v.achieved)}, against ${pct(b.value)} for always answering "${b.label}" (the baseline, on the same ${b.examples} examples)`;
}

/** What the model had to reach to count as learned. */
export function describeBar(v: Verdict): string {
  if (v.baseline.kind === "mean") return `an error of at most ${short(v.baseline.value - v.margin)}`;
  return `${((v.baseline.value + v.margin) * 100).toFixed(1)}%`;
}

export function describeBaseline(b: Baseline): string {
  if (b.kind === "mean") return `always predicting ${b.label} has a mean absolute error of ${short(b.value)} on the ${b.examples} ${b.split} examples`;
  return `always answering "${b.label}" scores ${(b.value * 100).toFixed(1)}% on the ${b.examples} ${b.split} examples`;
}

function lossCause(history: EpochMetrics[], learningRate: number): string | null {
  const losses = history.map((h) => h.loss);
  if (losses.some((l) => !Number.isFinite(l))) return `The loss became NaN: the learning rate (${learningRate}) is too high; try ${learningRate / 10}.`;
  if (losses.length > 1 && losses[losses.length - 1]! > losses[0]! * 0.95) return `The training loss barely fell (${short(losses[0]!)} → ${short(losses[losses.length - 1]!)}): try a higher learning rate than ${learningRate}, more epochs, or unfreezing top layers of the base.`;
  return null;
}

function classifierCauses(history: EpochMetrics[], baseline: Baseline, trainLabels: number[], classNames: string[], learningRate: number): string[] {
  const causes: string[] = [];
  const counts = classNames.map((_, i) => trainLabels.filter((l) => l === i).length);
  const fewest = Math.min(...counts);
  if (fewest < 20) causes.push(`Too few examples: the label "${classNames[counts.indexOf(fewest)]}" has ${fewest} in the training split (aim for 20 or more per label).`);
  const share = Math.max(...counts) / Math.max(1, trainLabels.length);
  if (share > 0.8) causes.push(`Imbalanced labels: ${(share * 100).toFixed(0)}% of the training examples are "${baseline.label}", so always answering it already scores ${(baseline.value * 100).toFixed(1)}%.`);
  const loss = lossCause(history, learningRate);
  if (loss) causes.push(loss);
  else if (history.length && (history[history.length - 1]!.acc ?? 0) > baseline.value + 0.1) causes.push("It fits the training examples but not the validation ones: the labels may not follow from the inputs, or there is too little data to generalise.");
  if (!history.length) causes.push("No epoch completed.");
  if (!causes.length) causes.push("The inputs may not carry what the labels need, or this base's features do not capture it.");
  return causes;
}

function regressionCauses(history: EpochMetrics[], baseline: MeanBaseline, trainTargets: number[], learningRate: number): string[] {
  const causes: string[] = [];
  if (trainTargets.length < 50) causes.push(`Too few examples: ${trainTargets.length} in the training split (aim for 50 or more).`);
  const loss = lossCause(history, learningRate);
  if (loss) causes.push(loss);
  else {
    const last = history[history.length - 1];
    if (last?.mae !== undefined && last.mae !== null && last.mae < baseline.value * 0.8) causes.push("It fits the training examples but not the validation ones: the target may not follow from the inputs, or there is too little data to generalise.");
  }
  if (!history.length) causes.push("No epoch completed.");
  if (!causes.length) causes.push("The inputs may not carry what the target needs, or this base's features do not capture it.");
  return causes;
}
