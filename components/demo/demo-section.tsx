// The model page's demo slot: the widget when the card's demo section and the
// files add up, else the reason (never a blank widget).
import type { DemoConfig } from "@/lib/demo/demo-config";
import { demoWorkerUrls } from "@/lib/demo/demo-runtime-bundle";
import { cspNonce } from "@/lib/observability/request-context";
import { DemoWidget } from "./demo-widget";
import { earlyStartScript } from "./early-start";

type Ok = Extract<DemoConfig, { ok: true }>;
const variant = (label: string, c: Ok) => ({
  label,
  model: { spec: c.spec, format: c.format, modelJson: c.modelJson, shards: c.shards, vocab: c.vocab, labels: c.labels },
  bytes: c.bytes,
  report: c.report,
  typical: c.typical,
});

/** `base`: the local base model's demo, offered side by side when both run the same task. */
export function DemoSection({ config, base }: { config: DemoConfig; base?: { id: string; config: DemoConfig | null } | null }) {
  if (!config.ok) {
    return (
      <section className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" data-testid="demo-unavailable">
        <h2 className="mb-1 font-semibold">In-browser demo unavailable</h2>
        <p>{config.error}</p>
      </section>
    );
  }
  const baseOk = base?.config?.ok && base.config.spec.task === config.spec.task ? base.config : null;
  // A fine-tune without examples of its own borrows its base's.
  const borrow = baseOk && !config.spec.examples.length;
  const own = borrow ? { ...config, spec: { ...config.spec, examples: baseOk.spec.examples }, examples: baseOk.examples } : config;
  const mine = variant("This model", own);
  const other = baseOk ? variant(`Base: ${base!.id}`, baseOk) : null;
  const urls = demoWorkerUrls();
  const workerUrl = urls?.worker ?? null;
  return (
    <>
      {/* our own fixed code with the config as JSON data: starts the worker as the HTML arrives (an async
          module script, so it does not wait for the stylesheets as a classic inline script would) */}
      {workerUrl && <script type="module" async nonce={cspNonce()} dangerouslySetInnerHTML={{ __html: earlyStartScript({ workerUrl, preload: urls!.preload, model: mine.model, bytes: mine.bytes }) }} />}
      <DemoWidget variants={[mine]} examples={own.examples} workerUrl={workerUrl} autoLoad />
      {other && (
        <details className="rounded-lg border border-gray-200 bg-white" data-testid="compare-with-base">
          <summary className="cursor-pointer px-4 py-2 text-sm font-semibold">Compare with base ({base!.id})</summary>
          <DemoWidget variants={[{ ...mine, report: undefined }, { ...other, report: undefined }]} examples={own.examples} workerUrl={workerUrl} title="Same input, fine-tune and base side by side" />
        </details>
      )}
    </>
  );
}
