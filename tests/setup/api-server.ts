// The hub's request pipeline and route table on an ephemeral port, without Next.js:
// integration tests reach the API over real HTTP, through the same front door as users.
import type http from "node:http";
import type { AddressInfo } from "node:net";
import { createPipeline } from "../../lib/http/pipeline";
import { claimApi } from "../../lib/hub-api/dispatch";
import { createHttpServer, type Timeouts } from "../../lib/server/http-server";
import { claimOps } from "../../lib/server/ops-routes";

export type ApiServer = {
  url: string;
  server: http.Server;
  /** fetch against the server; `token` becomes a Bearer header, `json` a JSON body. */
  call: (method: string, path: string, opts?: { token?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> }) => Promise<Response>;
  close: () => Promise<void>;
};

export async function startApiServer(timeouts?: Timeouts): Promise<ApiServer> {
  const server = createHttpServer(
    createPipeline({
      claim: (m, p) => claimOps(m, p) ?? claimApi(m, p),
      fallback: async (_req, res) => void res.writeHead(404, { "Content-Type": "text/plain" }).end("no pages in this test server"),
      dev: false,
    }),
    timeouts,
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    call: (method, path, opts = {}) => {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
      let body = opts.body;
      if (opts.json !== undefined) {
        headers["Content-Type"] ??= "application/json";
        body = JSON.stringify(opts.json);
      }
      return fetch(`${url}${path}`, { method, headers, body, redirect: "manual" });
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
