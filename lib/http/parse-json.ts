// Reads a JSON body with a size cap and validates it; bad input is a 400 that says why.
import type { z } from "zod";
import { HubError, badRequest } from "../errors";

export async function parseJsonBody<T>(req: Request, schema: z.ZodType<T>, maxBytes = 1024 * 1024): Promise<T> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new HubError(413, "PayloadTooLarge", `Body is larger than ${maxBytes} bytes`);
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) throw new HubError(413, "PayloadTooLarge", `Body is larger than ${maxBytes} bytes`);
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
