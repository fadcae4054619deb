// The rows of a card's model-index (HF eval results): one per metric, with the
// task and dataset it was measured on. Malformed entries are skipped (the card
// check reports them to the author).
export type EvalRow = { model: string; task: string; dataset: string; split: string | null; metric: string; value: string; verified: boolean };

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const text = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);

export function evalRows(card: Record<string, unknown>, max = 200): EvalRow[] {
  const index = card["model-index"];
  if (!Array.isArray(index)) return [];
  const rows: EvalRow[] = [];
  for (const entry of index) {
    if (!isObj(entry) || !Array.isArray(entry.results)) continue;
    const model = text(entry.name) ?? "";
    for (const r of entry.results) {
      if (!isObj(r) || !isObj(r.task) || !isObj(r.dataset) || !Array.isArray(r.metrics)) continue;
      const task = text(r.task.name) ?? text(r.task.type) ?? "";
      const dataset = text(r.dataset.name) ?? text(r.dataset.type) ?? "";
      const split = text(r.dataset.split);
      for (const m of r.metrics) {
        if (!isObj(m)) continue;
        const metric = text(m.name) ?? text(m.type);
        const raw = m.value;
        const value = typeof raw === "number" ? (Number.isInteger(raw) ? String(raw) : raw.toFixed(Math.abs(raw) < 1 ? 4 : 2)) : text(raw);
        if (metric && value !== null) rows.push({ model, task, dataset, split, metric, value: value.slice(0, 50), verified: m.verified === true });
        if (rows.length >= max) return rows;
      }
    }
  }
  return rows;
}
