// POST /api/fine-tunes (multipart: base, task, dataset, hyper-parameters, output) → 201 {id, url};
// GET /api/fine-tunes → the caller's jobs; POST /api/fine-tunes/rerun {repo, outputName, private?}.
import { z } from "zod";
import { json } from "../../http/reply";
import { submitInputFromForm } from "../../finetune/form-input";
import { jobJson } from "../../finetune/job-json";
import { listJobs, submitFineTune } from "../../finetune/jobs";
import { limits } from "../../finetune/limits";
import { rerunFromRepo } from "../../finetune/rerun-from-repo";
import { endpoint } from "../endpoint";

export const submitFineTuneEndpoint = endpoint({
  // The dataset is the one file; its limit is the configured one, read per request.
  multipart: () => ({ fileBytes: limits().datasetBytes, files: 1, fields: 30 }),
  handle: async ({ actor, body, origin }) => {
    const job = await submitFineTune(submitInputFromForm(actor!, body));
    return json({ id: job.id, url: `${origin}/jobs/${job.id}` }, { status: 201 });
  },
});

export const listFineTunes = endpoint({
  handle: async ({ actor }) => json((await listJobs(actor!)).map(jobJson)),
});

const rerunSchema = z.object({ repo: z.string().min(3).max(200), outputName: z.string().min(1).max(96), private: z.boolean().optional() });

export const rerunFineTune = endpoint({
  json: rerunSchema,
  handle: async ({ actor, body, origin }) => {
    const job = await rerunFromRepo(actor!, body.repo, body.outputName, body.private ?? false);
    return json({ id: job.id, url: `${origin}/jobs/${job.id}` }, { status: 201 });
  },
});
