// Reads objects from a repository with one long-running `git cat-file` per mode:
// --batch-check answers type and size (so a huge blob is refused before any byte of
// it is read), --batch returns whole objects. Requests are answered in order.
import type { ChildProcess } from "node:child_process";
import { spawnGit } from "./git-command";

type Pending = { resolve: (v: Buffer | null) => void; reject: (e: Error) => void; body: boolean };

class Batch {
  private child: ChildProcess;
  private queue: Pending[] = [];
  private buf: Buffer = Buffer.alloc(0);
  private failed: Error | null = null;

  constructor(mode: "--batch" | "--batch-check", env: Record<string, string>) {
    this.child = spawnGit(["cat-file", mode], { env });
    this.child.stdout!.on("data", (d: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
      this.drain();
    });
    this.child.stderr!.resume();
    const fail = (e: Error) => {
      this.failed = e;
      for (const p of this.queue.splice(0)) p.reject(e);
    };
    this.child.on("error", fail);
    this.child.on("exit", () => fail(new Error("git cat-file ended")));
    this.child.stdin!.on("error", () => {});
  }

  private drain(): void {
    while (this.queue.length) {
      const nl = this.buf.indexOf(10);
      if (nl < 0) return;
      const line = this.buf.subarray(0, nl).toString("latin1");
      const p = this.queue[0]!;
      if (line.endsWith(" missing") || line.endsWith(" ambiguous")) {
        this.buf = this.buf.subarray(nl + 1);
        this.queue.shift();
        p.resolve(null);
        continue;
      }
      if (!p.body) {
        this.buf = this.buf.subarray(nl + 1);
        this.queue.shift();
        p.resolve(Buffer.from(line, "latin1"));
        continue;
      }
      const size = Number(line.split(" ")[2]);
      if (this.buf.length < nl + 1 + size + 1) return; // the object and its trailing newline are not all here yet
      const body = Buffer.from(this.buf.subarray(nl + 1, nl + 1 + size));
      this.buf = this.buf.subarray(nl + 1 + size + 1);
      this.queue.shift();
      p.resolve(Buffer.concat([Buffer.from(`${line}\n`, "latin1"), body]));
    }
  }

  ask(oid: string, body: boolean): Promise<Buffer | null> {
    if (this.failed) return Promise.reject(this.failed);
    if (!/^[0-9a-f]{40}$/.test(oid)) return Promise.reject(new Error(`not an object id: ${oid.slice(0, 60)}`));
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject, body });
      this.child.stdin!.write(`${oid}\n`);
    });
  }

  close(): void {
    this.child.stdin!.end();
    this.child.kill();
  }
}

export type ObjectInfo = { type: "blob" | "tree" | "commit" | "tag"; size: number };

/** Objects of the repository that `env` points git at (GIT_DIR, GIT_OBJECT_DIRECTORY…). */
export class ObjectReader {
  private check: Batch;
  private full: Batch;
  constructor(env: Record<string, string>) {
    this.check = new Batch("--batch-check", env);
    this.full = new Batch("--batch", env);
  }

  async info(oid: string): Promise<ObjectInfo | null> {
    const line = await this.check.ask(oid, false);
    if (!line) return null;
    const [, type, size] = line.toString("latin1").split(" ");
    return { type: type as ObjectInfo["type"], size: Number(size) };
  }

  /** The object's body (check its size with info() first: it is read whole). */
  async read(oid: string): Promise<{ type: ObjectInfo["type"]; body: Buffer } | null> {
    const out = await this.full.ask(oid, true);
    if (!out) return null;
    const nl = out.indexOf(10);
    return { type: out.subarray(0, nl).toString("latin1").split(" ")[1] as ObjectInfo["type"], body: out.subarray(nl + 1) };
  }

  close(): void {
    this.check.close();
    this.full.close();
  }
}
