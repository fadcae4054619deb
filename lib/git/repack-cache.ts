// Packs a repo's derived git objects once many have been written loose: git serves a
// clone from a pack by reusing its compressed objects, while thousands of loose
// objects are each inflated and compressed again on every clone (bench/git). Runs
// in the background, one at a time per repo; readers are unaffected (git moves
// objects into the pack before it removes their loose copies).
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { errorFields, log } from "../observability/log";
import { gitBinary, spawnGit } from "./git-command";

/** Loose objects written in one sync from which a repack pays off. */
export const REPACK_AFTER = 512;
const running = new Set<string>();

export function repackSoon(objects: string, refs: { name: string; oid: string }[]): void {
  if (running.has(objects) || !gitBinary() || !refs.length) return;
  running.add(objects);
  repack(objects, refs)
    .catch((e: unknown) => log().warn({ objects, ...errorFields(e) }, "git: repacking the object cache failed (it is served loose meanwhile)"))
    .finally(() => running.delete(objects));
}

async function repack(objects: string, refs: { name: string; oid: string }[]): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "modelhub-repack-"));
  try {
    // a bare repository whose objects are the cache itself, with the refs as of now
    await symlink(objects, path.join(dir, "objects"));
    await mkdir(path.join(dir, "refs", "heads"), { recursive: true }); // git needs the folder to take this for a repository
    await writeFile(path.join(dir, "HEAD"), "ref: refs/heads/main\n");
    await writeFile(path.join(dir, "config"), "[core]\n\trepositoryformatversion = 0\n\tbare = true\n");
    await writeFile(path.join(dir, "packed-refs"), `${refs.map((r) => `${r.oid} ${r.name}`).join("\n")}\n`);
    await new Promise<void>((resolve, reject) => {
      const child = spawnGit(["--git-dir", dir, "repack", "-a", "-d", "-q"]);
      let err = "";
      child.stderr!.setEncoding("utf8").on("data", (d: string) => (err = (err + d).slice(-2000)));
      child.stdin!.end();
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`git repack exited with ${code}: ${err}`))));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
