// Body of the web uploader's commit: files already stored (and verified) through the LFS batch API.
import { z } from "zod";

export const webCommitSchema = z.object({
  summary: z.string().trim().min(1, "A commit needs a title").max(500),
  description: z.string().max(10_000).optional(),
  parentCommit: z.string().regex(/^[0-9a-f]{40}$/).optional(),
  /** Propose the files as a new pull request instead of committing to main. */
  createPr: z.boolean().optional(),
  files: z
    .array(z.object({ path: z.string().min(1).max(1024), sha256: z.string().regex(/^[0-9a-f]{64}$/, "sha256 must be 64 lowercase hex characters") }))
    .min(1, "Choose at least one file")
    .max(1000, "At most 1000 files per upload"),
});

