"use client";
// The fine-tune form: dataset, hyper-parameters, hardware, destination. Sent as
// multipart with an upload progress bar; errors (license conflicts, bad rows,
// limits) come back before anything is created.
import { useState } from "react";
import { buttonClass, inputClass, labelClass } from "@/components/ui/button-styles";

type Task = "text-classification" | "image-classification" | "tabular-classification" | "tabular-regression";
type Props = { base: string; baseLicense: string | null; tasks: Task[]; licenses: string[]; hasGpuWorker: boolean };

const TASK_NAMES: Record<Task, string> = { "text-classification": "Text classification", "image-classification": "Image classification", "tabular-classification": "Tabular classification", "tabular-regression": "Tabular regression (predict a number)" };
const HELP: Record<Task, string> = {
  "text-classification": "Rows with a text and a label column (CSV, JSON Lines; JSON or Parquet from a dataset repo).",
  "image-classification": "A zip with one folder per class holding JPEG or PNG images (cats/1.jpg, dogs/2.png…).",
  "tabular-classification": "Rows with the base's feature columns and a label column (CSV, JSON Lines, JSON or Parquet).",
  "tabular-regression": "Rows with the base's feature columns and a numeric target column (CSV, JSON Lines, JSON or Parquet). It must beat always predicting the training mean.",
};

export function FineTuneForm({ base, baseLicense, tasks, licenses, hasGpuWorker }: Props) {
  const [task, setTask] = useState<Task>(tasks[0]!);
  const [source, setSource] = useState<"upload" | "hub">("upload");
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const data = new FormData(e.currentTarget);
    data.set("base", base);
    data.delete("source");
    // a split name, or a path when it names a file
    const split = String(data.get("datasetSplit") ?? "");
    if (/[./]/.test(split)) {
      data.delete("datasetSplit");
      data.set("datasetPath", split);
    }
    for (const k of ["saveDatasetAs", "datasetRevision"]) if (data.get(k) === "") data.delete(k);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/fine-tunes");
    xhr.upload.onprogress = (ev) => ev.lengthComputable && setProgress(ev.loaded / ev.total);
    xhr.onload = () => {
      let body: { id?: string; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status === 201 && body.id) window.location.assign(`/jobs/${body.id}`);
      else {
        setProgress(null);
        setError(body.error ?? `The hub answered ${xhr.status}`);
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setError("The upload failed: check your connection and try again.");
    };
    setProgress(0);
    xhr.send(data);
  }

  const field = (name: string, label: string, value: string, attrs: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label className="block">
      <span className={labelClass}>{label}</span>
      <input className={inputClass} name={name} defaultValue={value} {...attrs} />
    </label>
  );

  return (
    <form onSubmit={submit} className="space-y-4" data-testid="fine-tune-form">
      <fieldset className="space-y-2">
        <legend className="font-semibold">Task and dataset</legend>
        <label className="block">
          <span className={labelClass}>Task</span>
          <select className={inputClass} name="task" value={task} onChange={(e) => setTask(e.target.value as Task)}>
            {tasks.map((t) => <option key={t} value={t}>{TASK_NAMES[t]}</option>)}
          </select>
        </label>
        <div className="flex gap-4 text-sm" role="radiogroup" aria-label="Where the data comes from">
          <label className="flex items-center gap-1"><input type="radio" name="source" checked={source === "upload"} onChange={() => setSource("upload")} /> Upload a file</label>
          <label className="flex items-center gap-1"><input type="radio" name="source" checked={source === "hub"} onChange={() => setSource("hub")} /> From a repo on this hub</label>
        </div>
        {source === "upload" ? (
          <div className="grid gap-3 sm:grid-cols-2">
            <label className="block">
              <span className={labelClass}>Dataset</span>
              <input className={inputClass} type="file" name="dataset" required accept={task === "image-classification" ? ".zip" : ".csv,.tsv,.jsonl,.json"} />
            </label>
            <label className="block">
              <span className={labelClass}>Keep the upload as a new repo named (optional)</span>
              <input className={inputClass} name="saveDatasetAs" placeholder="my-training-data" maxLength={96} />
            </label>
          </div>
        ) : (
          <div className="grid gap-3 sm:grid-cols-3">
            <label className="block">
              <span className={labelClass}>Dataset repo</span>
              <input className={inputClass} name="datasetRepo" required placeholder="owner/name" maxLength={200} />
            </label>
            <label className="block">
              <span className={labelClass}>Split (or a file path)</span>
              <input className={inputClass} name="datasetSplit" defaultValue="train" maxLength={100} />
            </label>
            <label className="block">
              <span className={labelClass}>Revision</span>
              <input className={inputClass} name="datasetRevision" defaultValue="main" maxLength={200} title="Pinned to its commit when the job starts" />
            </label>
          </div>
        )}
        <span className="block text-xs text-gray-500">{HELP[task]}</span>
        {task !== "image-classification" && (
          <div className="grid gap-3 sm:grid-cols-2">
            {task === "text-classification" && field("textColumn", "Text column", "text", { maxLength: 100 })}
            {task === "tabular-regression" ? <div key="target">{field("labelColumn", "Target column (numbers)", "target", { maxLength: 100 })}</div> : <div key="label">{field("labelColumn", "Label column", "label", { maxLength: 100 })}</div>}
          </div>
        )}
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-1 font-semibold">Hyper-parameters</legend>
        {field("epochs", "Epochs", "10", { type: "number", min: 1, max: 500 })}
        {field("learningRate", "Learning rate", "0.001", { type: "number", step: "any", min: 0 })}
        {field("batchSize", "Batch size", "32", { type: "number", min: 1, max: 4096 })}
        {field("validationSplit", "Validation split", "0.2", { type: "number", step: "0.05", min: 0, max: 0.5 })}
        {field("seed", "Seed", "42", { type: "number", min: 0 })}
        {field("unfreeze", "Unfreeze top base layers", "0", { type: "number", min: 0, title: "0 trains only the new head" })}
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-1 font-semibold">Where it runs and where it goes</legend>
        <label className="block">
          <span className={labelClass}>Hardware</span>
          <select className={inputClass} name="hardware" defaultValue="cpu">
            <option value="cpu">CPU</option>
            <option value="gpu">GPU (WebGPU){hasGpuWorker ? "" : " — no GPU worker online now"}</option>
          </select>
        </label>
        {field("outputName", "New model name", `${base.split("/")[1]}-finetuned`, { required: true, maxLength: 96 })}
        <label className="block">
          <span className={labelClass}>License of the fine-tune</span>
          <select className={inputClass} name="license" defaultValue={baseLicense ?? "none"}>
            <option value="none">none</option>
            {licenses.map((l) => <option key={l} value={l}>{l}</option>)}
          </select>
          <span className="text-xs text-gray-500">The base is under {baseLicense ?? "no declared license"}; conflicts are explained before anything runs.</span>
        </label>
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="private" /> Private model</label>
        <label className="flex items-center gap-2 text-sm" title="A model that does not beat its baseline (always answering the most common label, or always predicting the mean) is normally not published">
          <input type="checkbox" name="publishAnyway" /> Publish even if it does not beat the baseline
        </label>
      </fieldset>
      {progress !== null && (
        <div className="h-2 w-full overflow-hidden rounded bg-gray-100" role="progressbar" aria-valuenow={Math.round(progress * 100)}>
          <div className="h-full bg-indigo-600" style={{ width: `${progress * 100}%` }} />
        </div>
      )}
      {error && <p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800" role="alert">{error}</p>}
      <button className={buttonClass} type="submit" disabled={progress !== null}>Start fine-tuning</button>
    </form>
  );
}
