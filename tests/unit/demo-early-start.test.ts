// The inline script that starts the demo worker from the page's HTML: the card's
// text reaches it only as inert JSON, and it follows the widget's loading rules.
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { earlyStartScript, scriptJson } from "../../components/demo/early-start";
import { AUTO_LOAD_MAX_BYTES, type WorkerModel } from "../../components/demo/demo-protocol";
import { parseDemoSpec } from "../../lib/demo/demo-spec";

const hostile = '</script><script>alert(1)</script>\u2028<!--';
const spec = parseDemoSpec({ pipeline_tag: "text-classification", demo: { model: "model.json", labels: "labels.txt", tokenizer: { vocab: "vocab.txt", mode: "bag-of-words" } } }, ["model.json", "labels.txt", "vocab.txt"]).spec!;
const file = (path: string) => ({ path, size: 10, url: `/me/m/resolve/${"a".repeat(40)}/${path}` });
const model: WorkerModel = { format: "layers-model", modelJson: file("model.json"), shards: [file("w.bin")], vocab: file("vocab.txt"), labels: [hostile, "ham"], spec };

/** Runs the script as a browser would, with a recording Worker. */
function run(script: string, { search = "", saveData = false } = {}) {
  const made: { url: string; opts: unknown; posted: unknown[] }[] = [];
  class Worker {
    posted: unknown[] = [];
    onmessage: ((e: { data: unknown }) => void) | null = null;
    constructor(url: string, opts: unknown) {
      made.push({ url, opts, posted: this.posted });
    }
    postMessage(m: unknown) {
      this.posted.push(m);
    }
  }
  const window: { __modelhubDemo?: Record<string, { worker: Worker; queue: unknown[]; loading: boolean }> } = {};
  const fetched: string[] = [];
  const fetch = (url: string) => (fetched.push(url), Promise.resolve());
  runInNewContext(script, { window, Worker, URLSearchParams, fetch, location: { search }, navigator: { connection: { saveData } } });
  return { made, window, fetched };
}

describe("early demo start", () => {
  it("carries the card's text as JSON that cannot close the script element", () => {
    const script = earlyStartScript({ workerUrl: "/demo-runtime/demo-worker-X.js", preload: ["/demo-runtime/chunk-Y.js"], model, bytes: 100 });
    expect(script).not.toMatch(/<\/script|<!--|\u2028/i);
    expect(JSON.parse(scriptJson({ s: hostile }))).toEqual({ s: hostile });
    const { made, window, fetched } = run(script);
    expect(fetched).toEqual(["/demo-runtime/chunk-Y.js"]); // the worker's first import, fetched alongside it
    expect(made).toHaveLength(1);
    expect(made[0]!.url).toBe("/demo-runtime/demo-worker-X.js");
    expect(made[0]!.opts).toEqual({ type: "module" });
    // a small model starts loading and warming up at once, labels intact
    expect(made[0]!.posted).toEqual([{ type: "load", model: JSON.parse(JSON.stringify(model)), backends: ["webgpu", "webgl", "wasm", "cpu"], warmUp: true }]);
    expect(window.__modelhubDemo![model.modelJson.url]!.loading).toBe(true);
  });

  it("waits for the visitor on large models and for visitors saving data; honours ?backend=; starts once", () => {
    const big = run(earlyStartScript({ workerUrl: "/w.js", model, bytes: AUTO_LOAD_MAX_BYTES + 1 }));
    expect(big.made[0]!.posted).toEqual([]);
    expect(big.window.__modelhubDemo![model.modelJson.url]!.loading).toBe(false);
    expect(run(earlyStartScript({ workerUrl: "/w.js", model, bytes: 10 }), { saveData: true }).made[0]!.posted).toEqual([]);
    const forced = run(earlyStartScript({ workerUrl: "/w.js", model, bytes: 10 }), { search: "?backend=wasm" });
    expect((forced.made[0]!.posted[0] as { backends: string[] }).backends).toEqual(["wasm"]);
    const bogus = run(earlyStartScript({ workerUrl: "/w.js", model, bytes: 10 }), { search: "?backend=evil" });
    expect((bogus.made[0]!.posted[0] as { backends: string[] }).backends).toEqual(["webgpu", "webgl", "wasm", "cpu"]);
    // the same script twice (e.g. two widgets of one model) makes one worker
    const script = earlyStartScript({ workerUrl: "/w.js", model, bytes: 10 });
    const twice = run(script + script);
    expect(twice.made).toHaveLength(1);
  });
});
