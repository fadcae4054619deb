// The one front door, tried as an attacker would: bodies over their limit (declared
// or chunked), slow clients, cross-site writes, forged request ids, odd paths and
// methods. Every answer is the one JSON error shape, with the hardening headers.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../lib/auth/tokens";
import { startApiServer, type ApiServer } from "../setup/api-server";
import { commitText, seedRepo, seedUser } from "../setup/factories";

let server: ApiServer;
let token: string;
let repoPath: string;
let commit: string;

beforeAll(async () => {
  server = await startApiServer({ headersMs: 400, idleMs: 5000, keepAliveMs: 5000, checkEveryMs: 100 });
  const user = await seedUser();
  const repo = await seedRepo(user);
  commit = (await commitText(repo.id, user, { "README.md": "# x\n" })).commitId;
  token = (await createToken(user.id, "w", "write")).token;
  repoPath = `${user.username}/${repo.name}`;
});
afterAll(() => server.close());

/** A raw HTTP exchange over a socket: what fetch() would tidy up is sent as written. */
function raw(request: string | ((s: net.Socket) => void), waitMs = 5000): Promise<{ head: string; body: string; closed: boolean; ms: number }> {
  const { port, hostname } = new URL(server.url);
  return new Promise((resolve) => {
    const started = Date.now();
    const s = net.connect(Number(port), hostname);
    let data = "";
    const done = (closed: boolean) => {
      const [head = "", body = ""] = data.split("\r\n\r\n");
      resolve({ head, body, closed, ms: Date.now() - started });
      s.destroy();
    };
    s.on("data", (d) => (data += d.toString("latin1")));
    s.on("close", () => done(true));
    s.on("error", () => done(true));
    setTimeout(() => done(false), waitMs);
    if (typeof request === "string") s.write(request);
    else request(s);
  });
}

/** Streams `total` bytes as a chunked body without ever declaring its length. */
function chunkedPost(path: string, total: number, headers = "") {
  return (s: net.Socket) => {
    s.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n${headers}\r\n`);
    const data = Buffer.alloc(64 * 1024, 0x20);
    const frame = Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from("\r\n")]);
    let sent = 0;
    const pump = () => {
      while (sent < total && !s.destroyed) {
        sent += data.length;
        if (!s.write(frame)) return void s.once("drain", pump);
      }
      if (!s.destroyed) s.write("0\r\n\r\n");
    };
    s.on("error", () => {});
    pump();
  };
}

describe("request bodies", () => {
  it("refuses a chunked body with 413 as soon as it passes the endpoint's limit, and closes the connection", async () => {
    const r = await raw(chunkedPost("/api/validate-yaml", 200 * 1024 * 1024), 20_000);
    expect(r.head).toMatch(/^HTTP\/1.1 413/);
    expect(r.head).toMatch(/x-error-code: PayloadTooLarge/i);
    expect(r.head).toMatch(/connection: close/i);
    expect(r.ms).toBeLessThan(15_000); // it did not wait for 200 MB
  });

  it("refuses a declared Content-Length over the limit before reading the body", async () => {
    const r = await raw(`POST /api/validate-yaml HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${500 * 1024 * 1024}\r\n\r\n{`);
    expect(r.head).toMatch(/^HTTP\/1.1 413/);
  });

  it.each([
    ["a 4 KiB demo report", `/api/models/REPO/demo-runs`, 64 * 1024],
    ["a 1 MiB branch request", `/api/models/REPO/branch/b`, 4 * 1024 * 1024],
    ["an 8 MiB paths-info form", `/api/models/REPO/paths-info/main`, 16 * 1024 * 1024],
    ["the LFS batch", `/REPO.git/info/lfs/objects/batch`, 4 * 1024 * 1024],
  ])("bounds %s", async (_name, path, total) => {
    const r = await raw(chunkedPost(path.replace("REPO", repoPath), total, `Authorization: Bearer ${token}\r\n`), 20_000);
    expect(r.head).toMatch(/^HTTP\/1.1 413/);
  });

  it("says which field is wrong in a JSON body, and refuses invalid JSON and bad UTF-8 with 400", async () => {
    const bad = await server.call("POST", `/api/models/${repoPath}/demo-runs`, { json: { commit, backend: "gpu", cached: false, loadMs: 1, firstMs: 1 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^backend/);
    expect((await server.call("POST", "/api/validate-yaml", { body: "{not json", headers: { "Content-Type": "application/json" } })).status).toBe(400);
    expect((await server.call("POST", "/api/validate-yaml", { body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), headers: { "Content-Type": "application/json" } })).status).toBe(400);
  });

  it("refuses malformed multipart bodies and oversized form fields", async () => {
    const noBoundary = await server.call("POST", "/api/fine-tunes", { token, body: "x", headers: { "Content-Type": "multipart/form-data" } });
    expect(noBoundary.status).toBe(400);
    const form = new FormData();
    form.set("base", "x".repeat(200 * 1024));
    expect((await server.call("POST", "/api/fine-tunes", { token, body: form })).status).toBe(413);
  });
});

describe("slow clients", () => {
  it("drops a connection whose headers do not arrive in time", async () => {
    const r = await raw("GET /api/models HTTP/1.1\r\nHost: x\r\n", 5000);
    expect(r.closed).toBe(true);
    expect(r.ms).toBeLessThan(4000);
  });
});

describe("cross-site writes", () => {
  it.each([["another site", "https://evil.example"], ["a sandboxed frame", "null"], ["a look-alike host", "http://127.0.0.1.evil.example"]])("refuses a write from %s with 403 and says why", async (_who, origin) => {
    const res = await server.call("POST", `/api/models/${repoPath}/demo-runs`, { json: { commit, backend: "cpu", cached: false, loadMs: 1, firstMs: 1 }, headers: { Origin: origin } });
    expect(res.status).toBe(403);
    expect(res.headers.get("x-error-code")).toBe("Forbidden");
    expect(((await res.json()) as { error: string }).error).toMatch(/Cross-origin/);
  });

  it("refuses a cross-site write that carries a session cookie, and one flagged cross-site without Origin", async () => {
    const withCookie = await server.call("POST", `/api/models/${repoPath}/like`, { headers: { Origin: "https://evil.example", Cookie: "next-auth.session-token=x" } });
    expect(withCookie.status).toBe(403);
    const fetchMeta = await server.call("POST", `/api/models/${repoPath}/like`, { headers: { "Sec-Fetch-Site": "cross-site", Cookie: "next-auth.session-token=x" } });
    expect(fetchMeta.status).toBe(403);
  });

  it("lets browser code on other sites write with an API token (CORS), and answers preflights", async () => {
    const res = await server.call("POST", `/api/models/${repoPath}/like`, { token, headers: { Origin: "https://app.example" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const pre = await server.call("OPTIONS", `/api/models/${repoPath}/commit/main`, { headers: { Origin: "https://app.example", "Access-Control-Request-Method": "POST" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
  });

  it("lets same-origin browsers and non-browser clients write", async () => {
    const same = await server.call("POST", `/api/models/${repoPath}/demo-runs`, { json: { commit, backend: "cpu", cached: false, loadMs: 1, firstMs: 1 }, headers: { Origin: server.url } });
    expect(same.status).toBe(200);
  });
});

describe("answers", () => {
  it("carry the hardening headers and a request id of the hub's own", async () => {
    const res = await server.call("GET", `/api/models/${repoPath}`, { headers: { "X-Request-Id": "forged-id" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("permissions-policy")).toMatch(/camera=\(self\)/);
    expect(res.headers.get("strict-transport-security")).toBeNull(); // only when PUBLIC_URL is https
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/); // a client's own id is not trusted without TRUST_PROXY
  });

  it("serve downloaded files so that nothing in them can run in the hub's origin", async () => {
    const res = await server.call("GET", `/${repoPath}/resolve/main/README.md`);
    expect(res.headers.get("content-security-policy")).toMatch(/sandbox/);
  });

  it.each([
    ["malformed percent-encoding", "/api/models/a%ZZ/b", 400, "BadRequest"],
    ["an unknown API path", "/api/no-such-thing", 404, "NotFound"],
    ["a path with a NUL", `/${"REPO"}/resolve/main/a%00b`, 400, "BadRequest"],
  ])("answer %s with the JSON error shape", async (_name, path, status, code) => {
    const res = await server.call("GET", path.replace("REPO", repoPath));
    expect(res.status).toBe(status);
    expect(res.headers.get("x-error-code")).toBe(code);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(typeof ((await res.json()) as { error: unknown }).error).toBe("string");
  });

  it("refuses traversal however it is encoded (sent raw: fetch would resolve the dots)", async () => {
    for (const path of [`/${repoPath}/resolve/main/%2E%2E/%2E%2E/etc/passwd`, `/${repoPath}/resolve/main/a/../../x`, `/${repoPath}/resolve/main/%2e%2e%2fx`]) {
      const r = await raw(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(r.head, path).toMatch(/^HTTP\/1.1 400/);
      expect(r.head).toMatch(/x-error-code: BadRequest/i);
    }
  });

  it("answers a wrong method with 405 and the methods allowed", async () => {
    const res = await server.call("PUT", `/api/models/${repoPath}/refs`);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toMatch(/GET/);
  });

  it("answers health checks without a database round trip and readiness with each dependency", async () => {
    const health = await server.call("GET", "/healthz");
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await server.call("GET", "/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: "ok", blobStore: "ok" } });
  });
});
