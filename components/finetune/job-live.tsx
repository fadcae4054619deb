"use client";
// A job as it runs: status, elapsed time and ETA, live logs and charts over
// server-sent events, and a cancel button.
import { useEffect, useMemo, useRef, useState } from "react";
import { MetricsChart } from "./metrics-chart";
import { secondaryButtonClass } from "@/components/ui/button-styles";

type Epoch = { epoch: number; loss: number; acc: number | null; valLoss: number | null; valAcc: number | null; mae?: number | null; valMae?: number | null; seconds: number; samplesPerSecond: number };
type Event = { id: string; kind: string; data: Record<string, unknown> & { at: string } };
type Job = { id: string; status: string; startedAt: string | null; finishedAt: string | null; epochs: number; error: string | null; output: string | null; baseline: { value: number; label: string } | null; metric: "accuracy" | "mae" };

/** A job's status in words: "not_learned" is a finished job whose model did not beat its baseline. */
export const STATUS_WORDS: Record<string, string> = { queued: "queued", running: "running", succeeded: "succeeded", not_learned: "finished: did not learn", failed: "failed", cancelled: "cancelled" };

const FINISHED = ["succeeded", "not_learned", "failed", "cancelled"];
const fmt = (s: number) => (s < 60 ? `${Math.round(s)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`);

export function JobLive({ job: initial, events: initialEvents }: { job: Job; events: Event[] }) {
  const [events, setEvents] = useState(initialEvents);
  const [status, setStatus] = useState(initial.status);
  const [finishedAt, setFinishedAt] = useState(initial.finishedAt);
  const [startedAt, setStartedAt] = useState(initial.startedAt);
  // the clock starts in the browser: a server-rendered "elapsed" would never match the hydrating one
  const [now, setNow] = useState<number | null>(null);
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    if (FINISHED.includes(initial.status)) return;
    const last = initialEvents[initialEvents.length - 1]?.id ?? "0";
    const es = new EventSource(`/api/jobs/${initial.id}/events?after=${last}`);
    const on = (kind: string) => (m: MessageEvent) => {
      const data = JSON.parse(m.data);
      setEvents((xs) => (xs.some((x) => x.id === m.lastEventId) ? xs : [...xs, { id: m.lastEventId, kind, data }]));
      if (kind === "status") {
        setStatus(data.status);
        if (data.status === "running") setStartedAt(data.at);
        if (FINISHED.includes(data.status)) setFinishedAt(data.at);
      }
    };
    for (const k of ["log", "epoch", "status", "baseline"]) es.addEventListener(k, on(k) as EventListener);
    es.addEventListener("end", (m) => {
      const data = JSON.parse((m as MessageEvent).data);
      setStatus(data.status);
      es.close();
      window.location.reload(); // the server page shows the final result and the output link
    });
    return () => es.close();
  }, [initial.id, initial.status, initialEvents]);

  useEffect(() => {
    if (FINISHED.includes(status)) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [status]);

  const epochs = useMemo(() => events.filter((e) => e.kind === "epoch").map((e) => e.data as unknown as Epoch).sort((a, b) => a.epoch - b.epoch), [events]);
  const baseline = useMemo(() => {
    const b = [...events].reverse().find((e) => e.kind === "baseline")?.data as { value: number; label: string } | undefined;
    return b ?? initial.baseline;
  }, [events, initial.baseline]);
  // the log follows its newest line, unless the reader scrolled up to read
  const logRef = useRef<HTMLPreElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const el = logRef.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [events]);
  const logs = events.filter((e) => e.kind === "log" || e.kind === "status");
  const end = finishedAt ? Date.parse(finishedAt) : now;
  const elapsed = startedAt && end !== null ? (end - Date.parse(startedAt)) / 1000 : null;
  const perEpoch = epochs.length ? epochs.reduce((a, e) => a + e.seconds, 0) / epochs.length : null;
  const eta = status === "running" && perEpoch !== null ? perEpoch * (initial.epochs - epochs.length) : null;

  async function cancel() {
    setCancelling(true);
    await fetch(`/api/jobs/${initial.id}/cancel`, { method: "POST" });
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <span className={`rounded px-2 py-0.5 font-medium ${status === "not_learned" || status === "failed" ? "bg-amber-100 text-amber-900" : status === "succeeded" ? "bg-green-100 text-green-900" : "bg-gray-100"}`} data-testid="job-status">{STATUS_WORDS[status] ?? status}</span>
        <span>epoch {epochs.length}/{initial.epochs}</span>
        {elapsed !== null && <span>elapsed {fmt(elapsed)}</span>}
        {eta !== null && <span data-testid="job-eta">about {fmt(eta)} left</span>}
        {epochs.length > 0 && <span>{Math.round(epochs[epochs.length - 1]!.samplesPerSecond)} samples/s</span>}
        {!FINISHED.includes(status) && (
          <button className={secondaryButtonClass} onClick={cancel} disabled={cancelling}>{cancelling ? "Cancelling…" : "Cancel"}</button>
        )}
      </div>
      <MetricsChart points={epochs} baseline={baseline} metric={initial.metric} />
      <pre ref={logRef} onScroll={(e) => { const el = e.currentTarget; pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24; }} className="max-h-80 overflow-auto rounded-lg border border-gray-200 bg-gray-950 p-3 text-xs leading-5 text-gray-100" data-testid="job-log">
        {logs.map((e) => `${e.data.at.slice(11, 19)}  ${e.kind === "status" ? `[${String(e.data.status)}]${e.data.message ? ` ${String(e.data.message)}` : ""}` : String(e.data.line)}`).join("\n")}
      </pre>
    </div>
  );
}
