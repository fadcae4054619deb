// The demo worker started from the page's HTML, before the app's scripts load and
// hydrate: the worker boots, and a small model downloads and warms up, while React
// is still starting. The widget adopts it (use-demo-runtime takeEarlyWorker); on a
// client-side navigation the script does not run and the widget starts its own.
import { AUTO_LOAD_MAX_BYTES, BACKEND_ORDER, type FromWorker, type WorkerModel } from "./demo-protocol";

export type EarlyWorker = { worker: Worker; queue: FromWorker[]; loading: boolean };
type EarlyRegistry = Record<string, EarlyWorker>;
declare global {
  interface Window {
    __modelhubDemo?: EarlyRegistry;
  }
}

/** The worker the page's HTML started for this model, once: later widgets start their own. */
export function takeEarlyWorker(model: WorkerModel): EarlyWorker | null {
  const registry = typeof window === "undefined" ? undefined : window.__modelhubDemo;
  const early = registry?.[model.modelJson.url] ?? null;
  if (early) delete registry![model.modelJson.url];
  return early;
}

/** JSON that is safe inside a <script> element (no "</script>", no line separators). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * The inline script's text. Its only variable part is data (JSON); the code is
 * fixed. It mirrors the widget's rules: the backend order (or ?backend=), and
 * loading at once only small models for visitors who do not save data.
 */
export function earlyStartScript({ workerUrl, preload = [], model, bytes }: { workerUrl: string; preload?: string[]; model: WorkerModel; bytes: number }): string {
  const data = scriptJson({ url: workerUrl, preload, key: model.modelJson.url, model, bytes, max: AUTO_LOAD_MAX_BYTES, order: BACKEND_ORDER });
  // preload: the worker's first imports, fetched now rather than after the worker's own module arrives
  return `(function(d){try{var g=window.__modelhubDemo=window.__modelhubDemo||{};if(g[d.key]||typeof Worker==="undefined")return;` +
    `d.preload.forEach(function(u){fetch(u).catch(function(){})});` +
    `var w=new Worker(d.url,{type:"module"}),q=[];w.onmessage=function(e){q.push(e.data)};` +
    `w.onerror=function(e){q.push({type:"error",message:"The demo's worker crashed: "+(e.message||"unknown error")})};` +
    `var c=navigator.connection,load=!(c&&c.saveData)&&d.bytes<=d.max;` +
    `var b=new URLSearchParams(location.search).get("backend");` +
    `if(load)w.postMessage({type:"load",model:d.model,backends:b&&d.order.indexOf(b)>=0?[b]:d.order,warmUp:true});` +
    `g[d.key]={worker:w,queue:q,loading:load}}catch(e){}})(${data});`;
}
