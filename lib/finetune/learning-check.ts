// Whether a fine-tune learned: its accuracy on the validation split against a baseline
// computed on the same split (always answering the training data's most common label).
// A model that does not beat it by more than chance would (two standard errors) did not
// learn, and the verdict says why that may be, in numbers.
import type { EpochMetrics } from "./trainer";

export type Baseline = { kind: "majority"; label: string; value: number; split: "validation" | "training"; examples: number };
export type Verdict = { learned: boolean; metric: "accuracy"; achieved: number | null; baseline: Baseline; margin: number; causes: string[] };

/** The majority-class baseline: the most common training label, scored on the evaluation examples. */
export function majorityBaseline(trainLabels: number[], evalLabels: number[], classNames: string[], split: Baseline["split"]): Baseline {
  const counts = new Map<number, number>();
  for (const l of trainLabels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [0];
  const hits = evalLabels.filter((l) => l === top).length;
  return { kind: "majority", label: classNames[top] ?? String(top), value: evalLabels.length ? hits / evalLabels.length : 0, split, examples: evalLabels.length };
}

export function judge(history: EpochMetrics[], baseline: Baseline, trainLabels: number[], classNames: string[], learningRate: number): Verdict {
  const last = history[history.length - 1];
  const achieved = last ? (baseline.split === "validation" ? last.valAcc : last.acc) : null;
  // Two standard errors of an accuracy measured on this many examples at the baseline's rate
  // (chance alone rarely gets there), and never less than two points.
  const b = Math.min(Math.max(baseline.value, 0.05), 0.95);
  const margin = Math.max(0.02, baseline.examples ? 2 * Math.sqrt((b * (1 - b)) / baseline.examples) : 0);
  const learned = achieved !== null && Number.isFinite(achieved) && achieved >= baseline.value + margin;
  return { learned, metric: "accuracy", achieved, baseline, margin, causes: learned ? [] : likelyCauses(history, baseline, trainLabels, classNames, learningRate) };
}

function likelyCauses(history: EpochMetrics[], baseline: Baseline, trainLabels: number[], classNames: string[], learningRate: number): string[] {
  const causes: string[] = [];
  const counts = classNames.map((_, i) => trainLabels.filter((l) => l === i).length);
  const fewest = Math.min(...counts);
  if (fewest < 20) causes.push(`Too few examples: the label "${classNames[counts.indexOf(fewest)]}" has ${fewest} in the training split (aim for 20 or more per label).`);
  const share = Math.max(...counts) / Math.max(1, trainLabels.length);
  if (share > 0.8) causes.push(`Imbalanced labels: ${(share * 100).toFixed(0)}% of the training examples are "${baseline.label}", so always answering it already scores ${(baseline.value * 100).toFixed(1)}%.`);
  const losses = history.map((h) => h.loss);
  if (losses.some((l) => !Number.isFinite(l))) causes.push(`The loss became NaN: the learning rate (${learningRate}) is too high; try ${learningRate / 10}.`);
  else if (losses.length > 1 && losses[losses.length - 1]! > losses[0]! * 0.95) causes.push(`The training loss barely fell (${losses[0]!.toFixed(3)} → ${losses[losses.length - 1]!.toFixed(3)}): try a higher learning rate than ${learningRate}, more epochs, or unfreezing top layers of the base.`);
  else if (history.length && history[history.length - 1]!.acc > baseline.value + 0.1) causes.push("It fits the training examples but not the validation ones: the labels may not follow from the inputs, or there is too little data to generalise.");
  if (!history.length) causes.push("No epoch completed.");
  if (!causes.length) causes.push("The inputs may not carry what the labels need, or this base's features do not capture it.");
  return causes;
}
