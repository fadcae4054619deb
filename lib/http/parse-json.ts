// Reads request bodies with a size cap; JSON is validated, and bad input is a 400 that says why.
import type { z } from "zod";
import { HubError, badRequest } from "../errors";

/** The body as text, refused with 413 past `maxBytes` (declared or actual). */
export async function readTextBody(req: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new HubError(413, "PayloadTooLarge", `Body is larger than ${maxBytes} bytes`);
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge();
  return text;
}

export async function parseJsonBody<T>(req: Request, schema: z.ZodType<T>, maxBytes = 1024 * 1024): Promise<T> {
  const text = await readTextBody(req, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest("Body is not valid JSON");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badRequest(`${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  return parsed.data;
}
