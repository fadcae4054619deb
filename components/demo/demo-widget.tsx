"use client";
// "Try it": the model runs in the visitor's browser (no server inference). Small
// models load (and warm up) as the page opens, larger ones on the first input, with
// a progress bar; the measured figures (size, backend, load time, first and last
// inference) stay on show.
import { useEffect, useMemo, useState } from "react";
import type { DemoResult } from "@/lib/demo/demo-io";
import { encodeFeatures } from "@/lib/demo/demo-io";
import type { Feature } from "@/lib/demo/demo-spec";
import { bagOfWords, tokenizer } from "@/lib/finetune/tokenizer";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/button-styles";
import { formatBytes } from "@/components/ui/format";
import { shouldAutoLoad, type RunInput, type WorkerModel } from "./demo-protocol";
import type { DemoTypical } from "@/lib/demo/demo-runs";
import { ImageInput } from "./image-input";
import { ImageWithResult, ResultDetails } from "./result-views";
import { useDemoRuntime, type Figures, type RuntimeState } from "./use-demo-runtime";

export type DemoVariant = { label: string; model: WorkerModel; bytes: number; report?: { url: string; commit: string }; typical?: DemoTypical[] };
/** autoLoad: load (and warm up) as the page opens when the models are small enough and the visitor is not saving data. */
/** workerUrl: the prebuilt worker bundle (null: the app bundler's build of it). */
export type DemoWidgetProps = { variants: [DemoVariant] | [DemoVariant, DemoVariant]; examples: Record<string, string>; workerUrl: string | null; title?: string; autoLoad?: boolean };

/** One model, or a fine-tune and its base side by side on the same input ("compare with base"). */
export function DemoWidget({ variants, examples, workerUrl, title = "Try it in your browser", autoLoad = false }: DemoWidgetProps) {
  const first = useDemoRuntime(variants[0].model, workerUrl, reporter(variants[0]));
  const second = useDemoRuntime(variants[1]?.model ?? null, workerUrl, variants[1] && reporter(variants[1]));
  const runtimes = variants.length === 2 ? [first, second] : [first];
  const spec = variants[0].model.spec;
  const [image, setImage] = useState<ImageBitmap | null>(null);
  const [results, setResults] = useState<(DemoResult | null)[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [runs, setRuns] = useState(0);
  const totalBytes = variants.reduce((n, v) => n + v.bytes, 0);

  useEffect(() => {
    const saveData = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData;
    if (autoLoad && shouldAutoLoad(totalBytes, saveData)) runtimes.forEach((rt) => void rt.load(true).catch(() => {}));
    // once, on mount: the variants of a page do not change
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const go = async (make: (rt: Runtime, v: DemoVariant) => Promise<RunInput>) => {
    setError(null);
    setBusy(true);
    try {
      const out = await Promise.all(
        runtimes.map(async (rt, i) => {
          await rt.load();
          return (await rt.run(await make(rt, variants[i]!))).result;
        }),
      );
      setResults(out);
      setRuns((n) => n + 1);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const onImage = (img: ImageBitmap) => {
    setImage(img);
    setResults([]);
    void go(async (_rt, v) => {
      const { width, height } = v.model.spec.image!;
      const c = new OffscreenCanvas(width, height);
      const g = c.getContext("2d")!;
      g.drawImage(img, 0, 0, width, height);
      return { kind: "image", rgba: g.getImageData(0, 0, width, height).data, width, height };
    });
  };
  const onText = (text: string) =>
    go(async (rt, v) => {
      const t = v.model.spec.tokenizer!;
      const vocab = rt.vocab() ?? [];
      return t.mode === "bag-of-words" ? { kind: "values", values: bagOfWords(vocab)(text) } : { kind: "ids", ids: tokenizer(vocab, t.maxLength)(text) };
    });

  const imageExamples = spec.examples.flatMap((e) => (e.kind === "image" && examples[e.path] ? [{ title: e.title, url: examples[e.path]! }] : []));
  const isImage = !!spec.image;
  const compare = variants.length === 2;

  return (
    <section className="rounded-lg border border-gray-200 bg-white p-4" data-testid={compare ? "demo-compare" : "demo-widget"} data-task={spec.task} data-runs={runs}>
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="font-semibold">⚡ {title}</h2>
        <span className="text-xs text-gray-600">{spec.task.replace(/-/g, " ")} · TF.js · no server inference</span>
      </div>
      {runtimes.map((rt, i) => (
        <div key={i}>
          {compare && <p className="text-xs font-semibold uppercase text-gray-500">{variants[i]!.label}</p>}
          <Status state={rt.state} figures={rt.figures} bytes={variants[i]!.bytes} typical={variants[i]!.typical ?? []} />
        </div>
      ))}
      {first.state.phase === "idle" && (
        <button type="button" className={`${secondaryButtonClass} mb-3`} onClick={() => runtimes.forEach((rt) => void rt.load().catch(() => {}))} data-testid="demo-load">
          Load the model{compare ? "s" : ""} ({formatBytes(totalBytes)})
        </button>
      )}
      {isImage && <ImageInput examples={imageExamples} onImage={onImage} disabled={busy} />}
      {spec.task === "text-classification" && <TextForm busy={busy} examples={spec.examples.flatMap((e) => (e.kind === "text" ? [e] : []))} onRun={(text) => void onText(text)} />}
      {spec.task.startsWith("tabular") && <TabularForm busy={busy} features={spec.features} examples={spec.examples.flatMap((e) => (e.kind === "tabular" ? [e] : []))} onRun={(values) => void go(async (_rt, v) => ({ kind: "values", values: encodeFeatures(v.model.spec.features, values) }))} />}
      {error && <p className="mt-3 rounded bg-red-50 px-3 py-2 text-sm text-red-800" role="alert" data-testid="demo-error">{error}</p>}
      {busy && first.state.phase === "ready" && <RunProgress backend={first.figures?.backend ?? null} expectedMs={first.figures?.lastMs ?? first.figures?.firstMs ?? variants[0].typical?.[0]?.firstMs ?? null} />}
      <div className={`mt-3 grid gap-3 ${compare ? "md:grid-cols-2" : "md:grid-cols-[minmax(0,1fr)_220px]"}`}>
        {!compare && isImage && image && <ImageWithResult image={image} result={results[0] ?? null} />}
        {!compare && results[0] && <div data-testid="demo-result"><ResultDetails result={results[0]} /></div>}
        {compare &&
          results.map((r, i) =>
            r ? (
              <div key={i} data-testid="demo-result" data-variant={variants[i]!.label}>
                <p className="mb-1 text-sm font-semibold">{variants[i]!.label}</p>
                {isImage && image && <ImageWithResult image={image} result={r} />}
                <ResultDetails result={r} />
              </div>
            ) : null,
          )}
      </div>
    </section>
  );
}

type Runtime = ReturnType<typeof useDemoRuntime>;

/**
 * While the model runs: on which backend, the time so far, and a bar against how long the
 * last run took (or the visitors' typical first run). A model gives no progress from inside
 * one inference, so the bar stops short of the end until the answer comes.
 */
function RunProgress({ backend, expectedMs }: { backend: string | null; expectedMs: number | null }) {
  const [started] = useState(() => performance.now());
  const [now, setNow] = useState(started);
  useEffect(() => {
    const t = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(t);
  }, []);
  const elapsed = now - started;
  const share = expectedMs ? Math.min(elapsed / expectedMs, 0.95) : null;
  return (
    <div className="mt-2 text-sm text-gray-600" data-testid="demo-running" role="status">
      <p>
        Running the model{backend ? ` on ${backendName(backend)}` : ""}: {(elapsed / 1000).toFixed(1)} s
        {expectedMs ? ` (about ${expectedMs < 1000 ? `${Math.round(expectedMs)} ms` : `${(expectedMs / 1000).toFixed(1)} s`} expected)` : ""}
      </p>
      <div className="mt-1 h-1.5 w-full overflow-hidden rounded bg-gray-100" aria-hidden="true">
        <div className={`h-full rounded bg-indigo-500 ${share === null ? "w-1/3 animate-pulse" : ""}`} style={share === null ? undefined : { width: `${(share * 100).toFixed(0)}%` }} />
      </div>
    </div>
  );
}

/** Sends this visitor's figures to the hub once (they feed the "typical" line); failures are ignored. */
function reporter(v: DemoVariant) {
  if (!v.report) return undefined;
  const { url, commit } = v.report;
  return (f: { backend: string; cached: boolean; loadMs: number; firstMs: number }) => {
    void fetch(url, { method: "POST", keepalive: true, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ commit, backend: f.backend, cached: f.cached, loadMs: f.loadMs, firstMs: f.firstMs }) }).catch(() => {});
  };
}

function Status({ state, figures, bytes, typical }: { state: RuntimeState; figures: Figures | null; bytes: number; typical: DemoTypical[] }) {
  if (state.phase === "loading") {
    const pct = state.total ? Math.min(100, (state.loaded / state.total) * 100) : 0;
    return (
      <div className="mb-3 text-sm" data-testid="demo-progress">
        <div className="flex justify-between text-gray-600"><span>Loading weights…</span><span>{formatBytes(state.loaded)} / {formatBytes(state.total)} · {pct.toFixed(0)}%</span></div>
        <div className="h-2 rounded bg-gray-100" role="progressbar" aria-valuenow={Math.round(pct)} aria-valuemin={0} aria-valuemax={100}><div className="h-2 rounded bg-indigo-500" style={{ width: `${pct}%` }} /></div>
      </div>
    );
  }
  if (state.phase === "failed") return <p className="mb-3 rounded bg-red-50 px-3 py-2 text-sm text-red-800" role="alert" data-testid="demo-error">{state.error}</p>;
  const t = typical[0];
  return (
    <p className="mb-3 text-sm text-gray-700" data-testid="demo-figures" data-backend={figures?.backend ?? ""} data-cached={figures ? String(figures.cached) : ""} data-backend-ms={figures?.backendMs.toFixed(1)} data-load-ms={figures?.loadMs.toFixed(1)} data-fetch-ms={figures?.fetchMs.toFixed(1)}>
      Runs in your browser: {formatBytes(bytes)}
      {figures && (
        <>
          {" · "}loaded in {sec(figures.loadMs)} (weights {sec(figures.fetchMs)}{figures.cached ? " from the browser cache" : ""})
          {figures.firstMs !== null && <> · first inference in <span data-testid="demo-first-ms">{sec(figures.firstMs)}</span> on <span className="font-semibold">{backendName(figures.backend)}</span></>}
          {figures.firstMs === null && <> · backend <span className="font-semibold">{backendName(figures.backend)}</span></>}
          {" · "}{backendName(figures.backend)} started in {sec(figures.backendMs)}
          {figures.warmUpMs !== null && <span data-testid="demo-warmed-up"> · warmed up in {sec(figures.warmUpMs)} while the page opened</span>}
          {figures.lastMs !== null && figures.lastMs !== figures.firstMs && <> · last run {sec(figures.lastMs)}</>}
          {/* a faster backend that did not start is worth knowing (WebGPU is only missed where the browser has it) */}
          {figures.skipped.filter((s) => !s.startsWith("webgpu: no WebGPU")).length > 0 && (
            <span className="block text-xs text-amber-800" data-testid="demo-skipped">
              Not used: {figures.skipped.filter((s) => !s.startsWith("webgpu: no WebGPU")).map(skippedText).join("; ")}
            </span>
          )}
        </>
      )}
      {t && (
        <span className="block text-xs text-gray-500" data-testid="demo-typical" data-runs={t.runs}>
          Visitors so far: first inference in {sec(t.firstMs)} on {backendName(t.backend)}
          {t.loadMs !== null && <>, loaded in {sec(t.loadMs)}</>}
          {t.cachedLoadMs !== null && <> ({sec(t.cachedLoadMs)} from their cache)</>} · median of {t.runs} run{t.runs === 1 ? "" : "s"}
        </span>
      )}
    </p>
  );
}

/** "webgl: WebGL unavailable" → "WebGL (unavailable in this browser)". */
function skippedText(s: string): string {
  const [name, ...why] = s.split(": ");
  return `${backendName(name!)} (${why.join(": ").replace(/^WebGL unavailable$/, "unavailable in this browser")})`;
}

const sec = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const backendName = (b: string) => ({ webgpu: "WebGPU", webgl: "WebGL", wasm: "WASM", cpu: "CPU" })[b] ?? b;

function TextForm({ busy, examples, onRun }: { busy: boolean; examples: { title: string; text: string }[]; onRun: (t: string) => void }) {
  const [text, setText] = useState("");
  return (
    <form className="space-y-2" onSubmit={(e) => (e.preventDefault(), text.trim() && onRun(text))}>
      <textarea className={`${inputClass} h-24`} value={text} onChange={(e) => setText(e.target.value)} placeholder="Type or paste some text" aria-label="Text to classify" maxLength={10_000} data-testid="demo-text" />
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass} disabled={busy || !text.trim()}>Classify</button>
        {examples.map((ex) => (
          <button key={ex.title} type="button" className={secondaryButtonClass} disabled={busy} data-testid="demo-example" onClick={() => (setText(ex.text), onRun(ex.text))}>{ex.title}</button>
        ))}
      </div>
    </form>
  );
}

function TabularForm({ busy, features, examples, onRun }: { busy: boolean; features: Feature[]; examples: { title: string; values: Record<string, string | number> }[]; onRun: (v: Record<string, string | number>) => void }) {
  const initial = useMemo(() => Object.fromEntries(features.map((f) => [f.name, f.type === "category" ? f.values[0]! : ""])), [features]);
  const [values, setValues] = useState<Record<string, string | number>>(examples[0]?.values ?? initial);
  return (
    <form className="space-y-2" onSubmit={(e) => (e.preventDefault(), onRun(values))}>
      <div className="grid gap-2 sm:grid-cols-2">
        {features.map((f) => (
          <label key={f.name} className="text-sm">
            <span className="block text-gray-700">{f.name}</span>
            {f.type === "category" ? (
              <select className={inputClass} value={String(values[f.name] ?? "")} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} data-feature={f.name}>
                {f.values.map((v) => <option key={v}>{v}</option>)}
              </select>
            ) : (
              <input className={inputClass} type="number" step={f.step ?? "any"} min={f.min} max={f.max} value={String(values[f.name] ?? "")} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} data-feature={f.name} required />
            )}
          </label>
        ))}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass} disabled={busy}>Predict</button>
        {examples.map((ex) => (
          <button key={ex.title} type="button" className={secondaryButtonClass} disabled={busy} data-testid="demo-example" onClick={() => (setValues(ex.values), onRun(ex.values))}>{ex.title}</button>
        ))}
      </div>
    </form>
  );
}
