// Baseline for bench/git: a bare Node HTTP server in front of `git http-backend`
// (git's own smart HTTP CGI) for one bare repository, plus the least an LFS server
// can be: a batch answer naming files in the repo's lfs/objects folder, streamed as is.
// Usage: tsx bench/git-backend-server.ts <folder holding repo.git> <port>
import { spawn } from "node:child_process";
import { createReadStream, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";

const [root, port] = process.argv.slice(2);
const lfsDir = path.join(root!, "repo.git", "lfs", "objects");

function lfsBatch(req: http.IncomingMessage, res: http.ServerResponse, origin: string): void {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    const { objects } = JSON.parse(body) as { objects: { oid: string; size: number }[] };
    const answer = objects.map(({ oid, size }) => ({ oid, size, actions: { download: { href: `${origin}/lfs/${oid}` } } }));
    res.writeHead(200, { "Content-Type": "application/vnd.git-lfs+json" }).end(JSON.stringify({ transfer: "basic", objects: answer }));
  });
}

function lfsObject(oid: string, res: http.ServerResponse): void {
  const file = path.join(lfsDir, oid.slice(0, 2), oid.slice(2, 4), oid);
  res.writeHead(200, { "Content-Length": String(statSync(file).size), "Content-Type": "application/octet-stream" });
  createReadStream(file, { highWaterMark: 1 << 20 }).pipe(res);
}

function httpBackend(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
  const env: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      GIT_PROJECT_ROOT: root!,
      GIT_HTTP_EXPORT_ALL: "1",
      REQUEST_METHOD: req.method ?? "GET",
      PATH_INFO: url.pathname,
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers["content-type"] ?? "",
      ...(req.headers["content-length"] ? { CONTENT_LENGTH: req.headers["content-length"] } : {}),
      ...(req.headers["content-encoding"] ? { HTTP_CONTENT_ENCODING: req.headers["content-encoding"] } : {}),
      ...(req.headers["git-protocol"] ? { GIT_PROTOCOL: String(req.headers["git-protocol"]) } : {}),
      REMOTE_ADDR: "127.0.0.1",
  };
  const cgi = spawn("git", ["http-backend"], { env: env as NodeJS.ProcessEnv, stdio: ["pipe", "pipe", "inherit"] });
  req.pipe(cgi.stdin);
  let head = Buffer.alloc(0);
  let started = false;
  cgi.stdout.on("data", (chunk: Buffer) => {
    if (started) {
      if (!res.write(chunk)) {
        cgi.stdout.pause();
        res.once("drain", () => cgi.stdout.resume());
      }
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf("\r\n\r\n");
    if (end < 0) return;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end).toString().split("\r\n")) {
      const i = line.indexOf(":");
      const name = line.slice(0, i).trim();
      const value = line.slice(i + 1).trim();
      if (name.toLowerCase() === "status") status = Number(value.split(" ")[0]);
      else headers[name] = value;
    }
    res.writeHead(status, headers);
    started = true;
    res.write(head.subarray(end + 4));
  });
  cgi.stdout.on("end", () => res.end());
}

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    if (url.pathname.endsWith("/info/lfs/objects/batch")) return lfsBatch(req, res, `http://${req.headers.host}`);
    if (url.pathname.startsWith("/lfs/")) return lfsObject(url.pathname.slice(5), res);
    if (url.pathname === "/") return void res.end("ready");
    httpBackend(req, res, url);
  })
  .listen(Number(port), "127.0.0.1", () => console.log("ready"));
