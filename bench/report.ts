// How every bench measures and reports: A against B in interleaved rounds (so a noisy,
// shared machine drifts on both alike), medians with their spread, and one last line,
// `targets met: N of M`, that others read.

/** Runs every side once per round, in turn, for `rounds` rounds (after one untimed warm-up round when `warm`); returns each side's samples. */
export async function interleaved<K extends string>(rounds: number, sides: Record<K, () => Promise<number>>, warm = true): Promise<Record<K, number[]>> {
  const keys = Object.keys(sides) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  if (warm) for (const k of keys) await sides[k]();
  for (let r = 0; r < rounds; r++) {
    // each round starts from the next side, so none is always first after the others' work
    for (let i = 0; i < keys.length; i++) {
      const k = keys[(i + r) % keys.length]!;
      out[k].push(await sides[k]());
    }
  }
  return out;
}

/** A round count from the command line: five at least, or medians mean little on a noisy machine. */
export function roundsFrom(value: string | undefined, flag = "--rounds"): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 5) throw new Error(`${flag}: at least 5`);
  return n;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * p) - 1))]!;
}

/** "12.3 (10.1–14.0)": the median and the range of the samples. */
export function withSpread(xs: number[], digits = 1): string {
  return `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
}

/** The targets a bench checks; `done()` prints each and the closing line. */
export class Targets {
  private list: { name: string; met: boolean; detail: string }[] = [];

  check(name: string, met: boolean, detail: string): boolean {
    this.list.push({ name, met, detail });
    return met;
  }

  done(): void {
    console.log("");
    for (const t of this.list) console.log(`  ${t.met ? "met   " : "MISSED"}  ${t.name}: ${t.detail}`);
    console.log(`targets met: ${this.list.filter((t) => t.met).length} of ${this.list.length}`);
  }
}
