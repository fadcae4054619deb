// Baseline for bench/download: a bare Node HTTP server streaming one file with
// 1 MiB reads, nothing else. Usage: tsx bench/bare-file-server.ts <file> <port>
import { createReadStream, statSync } from "node:fs";
import http from "node:http";

const [file, port] = process.argv.slice(2);
const size = statSync(file!).size;
http
  .createServer((_req, res) => {
    res.writeHead(200, { "Content-Length": String(size), "Content-Type": "application/octet-stream" });
    createReadStream(file!, { highWaterMark: 1 << 20 }).pipe(res);
  })
  .listen(Number(port), "127.0.0.1", () => console.log("ready"));
