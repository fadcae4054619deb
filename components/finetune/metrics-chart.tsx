// Loss and accuracy per epoch as small SVG line charts (no chart library).
type Point = { epoch: number; loss: number; acc: number; valLoss: number | null; valAcc: number | null };

function Lines({ title, series, max }: { title: string; series: { name: string; color: string; values: (number | null)[] }[]; max?: number }) {
  const W = 320;
  const H = 120;
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const top = max ?? Math.max(1e-9, ...all);
  const n = Math.max(2, ...series.map((s) => s.values.length));
  const x = (i: number) => 4 + (i / (n - 1)) * (W - 8);
  const y = (v: number) => H - 4 - (Math.min(v, top) / top) * (H - 8);
  return (
    <figure className="rounded border border-gray-200 bg-white p-2">
      <figcaption className="text-xs text-gray-600">
        {title}: {series.map((s) => <span key={s.name} style={{ color: s.color }} className="mr-2">■ {s.name}</span>)}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-32 w-full" role="img" aria-label={title}>
        {series.map((s) => (
          <polyline key={s.name} fill="none" stroke={s.color} strokeWidth={2}
            points={s.values.map((v, i) => (v === null || !Number.isFinite(v) ? null : `${x(i)},${y(v)}`)).filter(Boolean).join(" ")} />
        ))}
      </svg>
    </figure>
  );
}

export function MetricsChart({ points }: { points: Point[] }) {
  if (!points.length) return <p className="text-sm text-gray-500">Charts appear after the first epoch.</p>;
  return (
    <div className="grid gap-3 sm:grid-cols-2" data-testid="metrics-chart">
      <Lines title="Loss" series={[{ name: "train", color: "#4f46e5", values: points.map((p) => p.loss) }, { name: "validation", color: "#f59e0b", values: points.map((p) => p.valLoss) }]} />
      <Lines title="Accuracy" max={1} series={[{ name: "train", color: "#4f46e5", values: points.map((p) => p.acc) }, { name: "validation", color: "#f59e0b", values: points.map((p) => p.valAcc) }]} />
    </div>
  );
}
