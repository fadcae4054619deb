// One POST to a webhook receiver, pinned to the address that was checked: Node's
// connection asks our lookup, which answers only that address (TLS still checks the
// certificate against the host name). Redirects are not followed, the whole
// exchange has a deadline, and at most `maxBody` bytes of the answer are read.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { CheckedTarget } from "./url-guard";

export type Sent = { status: number; body: string };

export function postPinned(target: CheckedTarget, headers: Record<string, string>, body: string, opts: { timeoutMs: number; maxBody: number }): Promise<Sent> {
  const { url, address, family } = target;
  const lookup: LookupFunction = (_host, options, cb) => {
    if ((options as { all?: boolean }).all) (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else cb(null, address, family);
  };
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<Sent>((resolve, reject) => {
    const req = transport.request(
      url,
      { method: "POST", headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) }, lookup, agent: false, timeout: opts.timeoutMs, signal: AbortSignal.timeout(opts.timeoutMs) },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on("data", (c: Buffer) => {
          if (kept >= opts.maxBody) return;
          chunks.push(c.subarray(0, opts.maxBody - kept));
          kept += Math.min(c.length, opts.maxBody - kept);
          // Enough read: a receiver that streams forever is cut off here.
          if (kept >= opts.maxBody) res.destroy();
        });
        const done = () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
        res.once("end", done);
        res.once("close", done);
        res.once("error", done);
      },
    );
    req.once("timeout", () => req.destroy(Object.assign(new Error(`No answer in ${opts.timeoutMs / 1000} s`), { name: "TimeoutError" })));
    req.once("error", (e) => reject(e.name === "AbortError" ? Object.assign(new Error(`No answer in ${opts.timeoutMs / 1000} s`), { name: "TimeoutError" }) : e));
    req.end(body);
  });
}
