// bench/demo: time to first inference of each seeded demo in Chromium, the model
// page's widget against a bare HTML page that loads the same model with plain
// tfjs from the same server (same origin, same backend, same run), and the
// widget's reload from the browser cache. Downloads are throttled (--mbps) so the
// cache is measured against a network, not loopback.
//   npm run bench:demo [-- --mbps 50 --rounds 5 --models spam-filter-bow,penguin-species]
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import { chromium, type Browser, type BrowserContext, type Page, type Route } from "@playwright/test";
import { parseCard } from "../lib/cards/front-matter";
import { parseDemoSpec, type DemoSpec } from "../lib/demo/demo-spec";
import { DEMOS } from "../lib/demo/seed-tfjs-demos";
import { benchData, ROOT, runBench, startHub, stopHub } from "./hub-process";
import { median, roundsFrom, Targets, withSpread } from "./report";

const { values } = parseArgs({ options: { mbps: { type: "string", default: "50" }, rounds: { type: "string", default: "5" }, models: { type: "string" } } });
const ROUNDS = roundsFrom(values.rounds);
const PORT = 3294;
const BASE = `http://localhost:${PORT}`;
const LATENCY_MS = 20;
const TF = readFileSync(path.join(ROOT, "node_modules/@tensorflow/tfjs/dist/tf.min.js"));
const TF_GZIPPED = gzipSync(TF).length;

async function throttle(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  const bytesPerSecond = (Number(values.mbps) * 1e6) / 8;
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: LATENCY_MS, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
}

/**
 * Answers an intercepted request after the time the throttled network would take
 * (latency plus gzipped size over bandwidth): Chromium's network emulation does
 * not apply to responses fulfilled by the test, and the bare page's TF.js must
 * cost what the widget's own scripts cost, gzipped as the hub serves scripts.
 */
async function fulfillThrottled(route: Route, contentType: string, body: Buffer) {
  const bytesPerMs = (Number(values.mbps) * 1e6) / 8 / 1000;
  const onTheWire = body === TF ? TF_GZIPPED : gzipSync(body).length;
  await new Promise((r) => setTimeout(r, LATENCY_MS + onTheWire / bytesPerMs));
  await route.fulfill({ contentType, body });
}

/** ms from navigation start to the widget's first answer, and its weight load time. */
async function widget(page: Page, name: string, example: string): Promise<{ ttfi: number; loadMs: number; fetchMs: number; backendMs: number; backend: string }> {
  // Stamped in the page when the answer reaches the DOM, as the bare page stamps
  // its own: reading the clock after Playwright's wait would add its polling delay.
  await page.addInitScript(() => {
    new MutationObserver((changes, observer) => {
      for (const c of changes) {
        if ((c.target as Element).getAttribute("data-runs") === "1") {
          (window as unknown as { __answered: number }).__answered = performance.now();
          observer.disconnect();
        }
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-runs"] });
  });
  await page.goto(`${BASE}/modelhub/${name}`);
  await page.getByTestId("demo-example").filter({ hasText: example }).click();
  await page.locator('[data-testid="demo-widget"][data-runs="1"]').waitFor({ timeout: 300_000 });
  const ttfi = await page.evaluate(() => (window as unknown as { __answered: number }).__answered);
  const figures = page.getByTestId("demo-figures");
  const attr = async (n: string) => Number(await figures.getAttribute(n));
  return { ttfi, loadMs: await attr("data-load-ms"), fetchMs: await attr("data-fetch-ms"), backendMs: await attr("data-backend-ms"), backend: (await figures.getAttribute("data-backend")) ?? "?" };
}

/** The same model and input through plain tfjs on a bare page of the same origin. */
async function bare(page: Page, name: string, commit: string, spec: DemoSpec): Promise<number> {
  const dir = `/modelhub/${name}/resolve/${commit}/`;
  const example = spec.examples[0];
  const html = `<!doctype html><script src="/__bench/tf.min.js"></script><script>
  (async () => {
    const spec = ${JSON.stringify(spec)};
    const url = ${JSON.stringify(dir)} + spec.model;
    const doc = await (await fetch(url)).json();
    const model = doc.format === "graph-model" ? await tf.loadGraphModel(url) : await tf.loadLayersModel(url);
    let x;
    if (spec.image) {
      const img = await createImageBitmap(await (await fetch(${JSON.stringify(dir)} + ${JSON.stringify(example?.kind === "image" ? example.path : "")})).blob());
      x = tf.tidy(() => {
        let t = tf.image.resizeBilinear(tf.browser.fromPixels(img), [spec.image.height, spec.image.width]).toFloat();
        if (spec.image.channels === 1) t = t.mul(tf.tensor1d([0.2989, 0.587, 0.114])).sum(2, true);
        t = t.mul((spec.image.range[1] - spec.image.range[0]) / 255).add(spec.image.range[0]);
        if (spec.image.dtype === "int32") t = t.round().toInt();
        if (spec.image.layout === "nchw") t = t.transpose([2, 0, 1]);
        return t.expandDims(0);
      });
    } else {
      const shape = model.inputs[0].shape.map((d) => d ?? 1);
      x = tf.zeros(shape);
    }
    const out = doc.format !== "graph-model" ? model.predict(x) : spec.output.tensor ? model.execute(x, spec.output.tensor) : model.execute(x);
    await (Array.isArray(out) ? out[0] : out).data();
    window.__done = performance.now();
  })().catch((e) => { window.__error = String(e); });
  </script>`;
  await page.route(`${BASE}/__bench/bare.html`, (r) => fulfillThrottled(r, "text/html", Buffer.from(html)));
  await page.route(`${BASE}/__bench/tf.min.js`, (r) => fulfillThrottled(r, "text/javascript", TF));
  await page.goto(`${BASE}/__bench/bare.html`);
  await page.waitForFunction(() => (window as unknown as { __done?: number; __error?: string }).__done || (window as unknown as { __error?: string }).__error, null, { timeout: 300_000 });
  const r = await page.evaluate(() => ({ done: (window as unknown as { __done?: number }).__done, error: (window as unknown as { __error?: string }).__error }));
  if (r.error) throw new Error(`bare page for ${name}: ${r.error}`);
  return r.done!;
}

async function fresh(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await throttle(context, page);
  return { context, page };
}

async function main() {
  const { dataDir, teardown } = await benchData("demo-data");
  const hub = await startHub(PORT, dataDir); // seeds the demo models
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const rows: string[] = [];
  const targets = new Targets();
  try {
    for (const d of DEMOS.filter((x) => !values.models || values.models.split(",").includes(x.name))) {
      const info = (await (await fetch(`${BASE}/api/models/modelhub/${d.name}`)).json()) as { sha: string };
      const readme = await (await fetch(`${BASE}/modelhub/${d.name}/resolve/${info.sha}/README.md`)).text();
      const card = parseCard(readme);
      const files = ((await (await fetch(`${BASE}/api/models/modelhub/${d.name}/tree/main?recursive=true`)).json()) as { path: string }[]).map((f) => f.path);
      const spec = parseDemoSpec(card.data, files).spec!;
      const example = spec.examples[0]!.title;
      const w: number[] = [];
      const wc: number[] = [];
      const loads: number[] = [];
      const cachedLoads: number[] = [];
      const fetches: number[] = [];
      const cachedFetches: number[] = [];
      const starts: number[] = [];
      const cachedStarts: number[] = [];
      const b: number[] = [];
      let backend = "?";
      for (let round = 0; round < ROUNDS; round++) {
        // Interleaved: bare, widget (cold), widget again in the same context (cached).
        const a = await fresh(browser);
        b.push(await bare(a.page, d.name, info.sha, spec));
        await a.context.close();
        const c = await fresh(browser);
        const first = await widget(c.page, d.name, example);
        const again = await widget(c.page, d.name, example);
        await c.context.close();
        w.push(first.ttfi);
        loads.push(first.loadMs);
        wc.push(again.ttfi);
        cachedLoads.push(again.loadMs);
        fetches.push(first.fetchMs);
        cachedFetches.push(again.fetchMs);
        starts.push(first.backendMs);
        cachedStarts.push(again.backendMs);
        backend = first.backend;
      }
      const [mw, mb, mwc, ml, mcl, mf, mcf, ms, mcs] = [median(w), median(b), median(wc), median(loads), median(cachedLoads), median(fetches), median(cachedFetches), median(starts), median(cachedStarts)];
      rows.push(
        `  ${d.name.padEnd(30)} ${backend.padEnd(6)} widget ${withSpread(w.map((x) => x / 1000), 2)} s  bare ${withSpread(b.map((x) => x / 1000), 2)} s  ratio ${(mw / mb).toFixed(2)}` +
          `   | weights ${mf.toFixed(0)} -> ${mcf.toFixed(1)} ms (${(mf / mcf).toFixed(0)}x)   model load (weights+build) ${ml.toFixed(0)} -> ${mcl.toFixed(0)} ms (${(ml / mcl).toFixed(1)}x)` +
          `   backend start ${ms.toFixed(0)} -> ${mcs.toFixed(0)} ms   first answer ${withSpread(wc.map((x) => x / 1000), 2)} s (${(mw / mwc).toFixed(1)}x)`,
      );
      console.log(rows[rows.length - 1]);
      targets.check(`${d.name}: widget vs bare tfjs page`, mw / mb <= 1.2, `time to first inference ratio ${(mw / mb).toFixed(2)} (target <= 1.2)`);
      targets.check(`${d.name}: cached reload`, mw / mwc >= 5, `${(mw / mwc).toFixed(1)}x faster than the first visit (target >= 5x)`);
    }
    console.log(`\nbench/demo (Chromium, downloads throttled to ${values.mbps} Mbit/s + 20 ms, median (min–max) of ${ROUNDS} interleaved rounds)`);
    console.log("  time to first inference from navigation start; targets: widget/bare <= 1.2, cached reload >= 5x faster");
    console.log("  after the bars: the reload from the browser cache (Cache Storage for weights, HTTP cache for scripts) against the first visit");
    for (const r of rows) console.log(r);
    targets.done();
  } finally {
    await browser.close();
    await stopHub(hub);
    await teardown();
  }
}

runBench(main);
