// Loss and accuracy (a regressor: mean absolute error) per epoch as SVG line charts with
// axes, the latest values, and the baseline the job must beat (a dashed line on the
// accuracy or error chart). No chart library.
type Point = { epoch: number; loss: number; acc: number | null; valLoss: number | null; valAcc: number | null; mae?: number | null; valMae?: number | null };
type Series = { name: string; color: string; values: (number | null)[] };

// the theme's variables, so the lines keep their contrast in the dark theme too
const TRAIN = "var(--color-indigo-500)";
const VALIDATION = "var(--color-amber-500)";
const W = 360;
const H = 150;
const PAD = { left: 38, right: 8, top: 8, bottom: 22 };

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3));

function Lines({ title, epochs, series, max, baseline }: { title: string; epochs: number[]; series: Series[]; max?: number; baseline?: { value: number; label: string } | null }) {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const top = max ?? Math.max(1e-9, ...all, baseline?.value ?? 0) * 1.05;
  const n = epochs.length;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (n < 2 ? innerW / 2 : (i / (n - 1)) * innerW);
  const y = (v: number) => PAD.top + innerH - (Math.max(0, Math.min(v, top)) / top) * innerH;
  const ticks = [0, top / 2, top];
  const xTicks = n <= 1 ? [0] : [...new Set([0, Math.floor((n - 1) / 2), n - 1])];
  return (
    <figure className="rounded border border-gray-200 bg-white p-2">
      <figcaption className="flex flex-wrap gap-x-3 text-xs text-gray-600">
        <span className="font-medium text-gray-800">{title}</span>
        {series.map((s) => {
          const last = [...s.values].reverse().find((v): v is number => v !== null && Number.isFinite(v));
          return <span key={s.name} style={{ color: s.color }}>■ {s.name}{last !== undefined ? ` ${fmt(last)}` : ""}</span>;
        })}
        {baseline && <span className="text-gray-500" data-testid="chart-baseline">┄ baseline {fmt(baseline.value)} ({baseline.label})</span>}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-40 w-full" role="img" aria-label={`${title} per epoch`}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="stroke-gray-200" />
            <text x={PAD.left - 4} y={y(t) + 3} textAnchor="end" fontSize="9" className="fill-gray-500">{fmt(t)}</text>
          </g>
        ))}
        {xTicks.map((i) => (
          <text key={i} x={x(i)} y={H - 6} textAnchor="middle" fontSize="9" className="fill-gray-500">{epochs[i]}</text>
        ))}
        <text x={W - PAD.right} y={H - 6} textAnchor="end" fontSize="9" className="fill-gray-400">epoch</text>
        {baseline && <line x1={PAD.left} x2={W - PAD.right} y1={y(baseline.value)} y2={y(baseline.value)} className="stroke-gray-500" strokeDasharray="4 3" />}
        {series.map((s) => {
          const pts = s.values.map((v, i) => (v === null || !Number.isFinite(v) ? null : `${x(i)},${y(v)}`)).filter(Boolean);
          return pts.length === 1 ? <circle key={s.name} cx={pts[0]!.split(",")[0]} cy={pts[0]!.split(",")[1]} r={2.5} style={{ fill: s.color }} /> : <polyline key={s.name} fill="none" style={{ stroke: s.color }} strokeWidth={2} points={pts.join(" ")} />;
        })}
      </svg>
    </figure>
  );
}

export function MetricsChart({ points, baseline = null, metric = "accuracy" }: { points: Point[]; baseline?: { value: number; label: string } | null; metric?: "accuracy" | "mae" }) {
  if (!points.length) return <p className="text-sm text-gray-500">Charts appear after the first epoch.</p>;
  // epochs in order, each once (a retried attempt starts again from epoch 1: its own run counts)
  const byEpoch = new Map<number, Point>();
  for (const p of points) byEpoch.set(p.epoch, p);
  const ordered = [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
  const epochs = ordered.map((p) => p.epoch);
  return (
    <div className="grid gap-3 sm:grid-cols-2" data-testid="metrics-chart">
      <Lines title="Loss" epochs={epochs} series={[{ name: "train", color: TRAIN, values: ordered.map((p) => p.loss) }, { name: "validation", color: VALIDATION, values: ordered.map((p) => p.valLoss) }]} />
      {metric === "mae" ? (
        <Lines title="Mean absolute error" epochs={epochs} baseline={baseline} series={[{ name: "train", color: TRAIN, values: ordered.map((p) => p.mae ?? null) }, { name: "validation", color: VALIDATION, values: ordered.map((p) => p.valMae ?? null) }]} />
      ) : (
        <Lines title="Accuracy" epochs={epochs} max={1} baseline={baseline} series={[{ name: "train", color: TRAIN, values: ordered.map((p) => p.acc) }, { name: "validation", color: VALIDATION, values: ordered.map((p) => p.valAcc) }]} />
      )}
    </div>
  );
}
