// The last 30 days of counted downloads as SVG bars.
export function DownloadsChart({ series }: { series: { day: string; count: number }[] }) {
  const max = Math.max(1, ...series.map((d) => d.count));
  const total = series.reduce((a, d) => a + d.count, 0);
  const W = 300;
  const H = 48;
  const bw = W / series.length;
  return (
    <figure data-testid="downloads-chart">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-12 w-full" role="img" aria-label={`${total} downloads in the last 30 days`}>
        {series.map((d, i) => {
          const h = d.count ? Math.max(2, (d.count / max) * (H - 2)) : 0;
          return (
            <rect key={d.day} x={i * bw + 1} y={H - h} width={bw - 2} height={h} className="fill-indigo-400">
              <title>{`${d.day}: ${d.count}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="text-xs text-gray-500">{total} in the last 30 days</figcaption>
    </figure>
  );
}
