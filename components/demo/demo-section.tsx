// The model page's demo slot: the widget when the card's demo section and the
// files add up, else the reason (never a blank widget).
import type { DemoConfig } from "@/lib/demo/demo-config";
import { DemoWidget } from "./demo-widget";

export function DemoSection({ config }: { config: DemoConfig }) {
  if (!config.ok) {
    return (
      <section className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" data-testid="demo-unavailable">
        <h2 className="mb-1 font-semibold">In-browser demo unavailable</h2>
        <p>{config.error}</p>
      </section>
    );
  }
  const { spec, format, modelJson, shards, vocab, labels, bytes, examples } = config;
  return <DemoWidget model={{ spec, format, modelJson, shards, vocab, labels }} bytes={bytes} examples={examples} />;
}
