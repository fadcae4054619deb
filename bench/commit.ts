// bench/commit: latency of a one-file commit into a repo holding 10k files (all in
// one folder: the worst case for tree rewrites) vs into a repo holding 10 files,
// same run. Tree handling must not be quadratic: the ratio should stay small.
//   npm run bench:commit [-- --files 10000 --runs 20]
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { benchData, runBench } from "./hub-process";
import { interleaved, median, roundsFrom, Targets, withSpread } from "./report";

const { values } = parseArgs({ options: { files: { type: "string", default: "10000" }, runs: { type: "string", default: "20" } } });
const FILES = Number(values.files);
const RUNS = roundsFrom(values.runs, "--runs");

async function main() {
  const { teardown } = await benchData("commit-data");
  const { createUser } = await import("../lib/auth/users");
  const { createRepo } = await import("../lib/repos/create-repo");
  const { commitFiles } = await import("../lib/repos/commit-files");
  const { storeBytes } = await import("../lib/repos/ingest-blob");
  const user = await createUser({ username: "committer", email: "c@example.test", password: "bench password" });

  async function blobs(n: number, tag: string): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < n; i += 50) {
      out.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, (_, k) => storeBytes(Buffer.from(`${tag}-${i + k}-${crypto.randomUUID()}`)).then((b) => b.sha256)))));
    }
    return out;
  }

  async function repoWith(n: number, name: string) {
    const repo = await createRepo({ owner: user, name, private: false });
    const shas = await blobs(n, name);
    const t0 = performance.now();
    await commitFiles({ contentOf: "trusted",  repoId: repo.id, branch: "main", author: user, title: `${n} files`, operations: shas.map((sha256, i) => ({ op: "put", path: `f${String(i).padStart(6, "0")}.txt`, sha256 })) });
    return { repo, bulkMs: performance.now() - t0 };
  }

  /** One commit adding one new file, timed. */
  const oneFileCommit = (repoId: string) => {
    let i = 0;
    return async () => {
      const [sha256] = await blobs(1, `${repoId}-${i}`);
      const t0 = performance.now();
      await commitFiles({ contentOf: "trusted", repoId, branch: "main", author: user, title: `edit ${i}`, operations: [{ op: "put", path: `edit-${i++}.txt`, sha256: sha256! }] });
      return performance.now() - t0;
    };
  };

  console.log(`Preparing repos with 10 and ${FILES} files…`);
  const small = await repoWith(10, "small");
  const big = await repoWith(FILES, "big");
  const runs = await interleaved(RUNS, { small: oneFileCommit(small.repo.id), big: oneFileCommit(big.repo.id) });
  const [smallMs, bigMs] = [median(runs.small), median(runs.big)];
  console.log(`\nbench/commit (${RUNS} one-file commits into each repo, interleaved, ms median (min–max))`);
  console.log(`  repo with 10 files        ${withSpread(runs.small)}`);
  console.log(`  repo with ${FILES} files    ${withSpread(runs.big)}   ratio ${(bigMs / smallMs).toFixed(1)} for ${FILES / 10}x the files`);
  console.log(`  one commit adding ${FILES} files: ${(big.bulkMs / 1000).toFixed(2)} s`);
  const targets = new Targets();
  // a tree rewrite grows with the folder's entries, never with the repo's history: 1,000x the files may cost 5x, not 1,000x
  targets.check("one-file commit into a 10k-file folder vs a 10-file repo", bigMs / smallMs <= 5, `ratio ${(bigMs / smallMs).toFixed(1)} (target <= 5)`);
  await teardown();
  targets.done();
}

runBench(main);
