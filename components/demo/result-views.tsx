"use client";
// How a demo's output looks: score bars, boxes or a skeleton over the picture,
// or a single predicted value.
import { useEffect, useRef } from "react";
import type { DemoResult, Scored } from "@/lib/demo/demo-io";

export function ScoreBars({ top }: { top: Scored[] }) {
  return (
    <ol className="space-y-1" data-testid="demo-scores">
      {top.map((s) => (
        <li key={s.label} className="text-sm" data-label={s.label} data-score={s.score.toFixed(4)}>
          <div className="flex justify-between"><span>{s.label}</span><span className="font-mono text-gray-600">{(s.score * 100).toFixed(1)}%</span></div>
          <div className="h-2 rounded bg-gray-100"><div className="h-2 rounded bg-indigo-500" style={{ width: `${Math.max(0, Math.min(100, s.score * 100))}%` }} /></div>
        </li>
      ))}
    </ol>
  );
}

const COLORS = ["#4f46e5", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2"];

/** The picture with the result drawn over it; sized to the box, aspect kept. */
export function ImageWithResult({ image, result }: { image: ImageBitmap; result: DemoResult | null }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const scale = Math.min(1, 640 / image.width);
    c.width = Math.round(image.width * scale);
    c.height = Math.round(image.height * scale);
    const g = c.getContext("2d")!;
    g.drawImage(image, 0, 0, c.width, c.height);
    g.lineWidth = 3;
    g.font = "14px sans-serif";
    if (result?.kind === "boxes") {
      result.boxes.forEach((b, i) => {
        const color = COLORS[i % COLORS.length]!;
        g.strokeStyle = color;
        g.strokeRect(b.x * c.width, b.y * c.height, b.width * c.width, b.height * c.height);
        const text = `${b.label} ${(b.score * 100).toFixed(0)}%`;
        g.fillStyle = color;
        g.fillRect(b.x * c.width, b.y * c.height, g.measureText(text).width + 8, 18);
        g.fillStyle = "#fff";
        g.fillText(text, b.x * c.width + 4, b.y * c.height + 14);
      });
    }
    if (result?.kind === "keypoints") {
      const ok = (i: number) => (result.points[i]?.score ?? 0) >= result.threshold;
      g.strokeStyle = "#22c55e";
      for (const [a, b] of result.skeleton) {
        if (!ok(a) || !ok(b)) continue;
        const [p, q] = [result.points[a]!, result.points[b]!];
        g.beginPath();
        g.moveTo(p.x * c.width, p.y * c.height);
        g.lineTo(q.x * c.width, q.y * c.height);
        g.stroke();
      }
      g.fillStyle = "#ef4444";
      result.points.forEach((p, i) => {
        if (!ok(i)) return;
        g.beginPath();
        g.arc(p.x * c.width, p.y * c.height, 4, 0, Math.PI * 2);
        g.fill();
      });
    }
  }, [image, result]);
  return <canvas ref={canvas} className="max-w-full rounded border border-gray-200" data-testid="demo-canvas" />;
}

export function ResultDetails({ result }: { result: DemoResult }) {
  if (result.kind === "classes") return <ScoreBars top={result.top} />;
  if (result.kind === "value") {
    return (
      <p className="text-lg" data-testid="demo-value" data-value={result.value}>
        Prediction: <span className="font-mono font-semibold">{Number.isFinite(result.value) ? result.value.toFixed(2) : "—"}</span> {result.unit ?? ""}
      </p>
    );
  }
  if (result.kind === "boxes") {
    return (
      <ul className="text-sm" data-testid="demo-boxes">
        {result.boxes.length === 0 && <li className="text-gray-600">Nothing found above the score threshold.</li>}
        {result.boxes.map((b, i) => (
          <li key={i} data-label={b.label} data-box={[b.x, b.y, b.width, b.height].map((v) => v.toFixed(3)).join(",")} data-score={b.score.toFixed(3)}>
            {b.label} <span className="font-mono text-gray-600">{(b.score * 100).toFixed(0)}%</span>
          </li>
        ))}
      </ul>
    );
  }
  const seen = result.points.filter((p) => p.score >= result.threshold);
  return (
    <details className="text-sm" data-testid="demo-keypoints" data-count={seen.length}>
      <summary>{seen.length} of {result.points.length} keypoints found</summary>
      <ul className="mt-1 font-mono text-xs">
        {result.points.map((p) => (
          <li key={p.name} data-name={p.name} data-point={`${p.x.toFixed(3)},${p.y.toFixed(3)}`} data-score={p.score.toFixed(3)}>
            {p.name}: ({p.x.toFixed(2)}, {p.y.toFixed(2)}) {(p.score * 100).toFixed(0)}%
          </li>
        ))}
      </ul>
    </details>
  );
}
