// Request bodies, bounded as they arrive: a declared Content-Length over the limit is
// refused before a byte is read, and a chunked body is counted chunk by chunk and
// refused with 413 the moment it passes the limit (never buffered whole first).
import type { IncomingMessage } from "node:http";
import { Transform, type Readable } from "node:stream";
import Busboy from "busboy";
import type { z } from "zod";
import { badRequest, payloadTooLarge } from "../errors";

const tooLarge = (limit: number) => payloadTooLarge(`The request body is larger than ${limit} bytes`);

function declaredLength(req: IncomingMessage): number | null {
  const raw = req.headers["content-length"];
  if (raw === undefined) return null;
  const n = Number(raw);
  if (!/^\d{1,16}$/.test(raw) || !Number.isSafeInteger(n)) throw badRequest("Malformed Content-Length");
  return n;
}

/** Marks the request so the pipeline closes the connection after answering (the rest of the body is never read). */
function abandon(req: IncomingMessage): void {
  (req as IncomingMessage & { bodyAbandoned?: boolean }).bodyAbandoned = true;
}

export const bodyAbandoned = (req: IncomingMessage) => (req as IncomingMessage & { bodyAbandoned?: boolean }).bodyAbandoned === true;

/** The request body as a stream that fails with 413 past `limit` bytes. */
export function limitedBody(req: IncomingMessage, limit: number): Readable {
  const declared = declaredLength(req);
  if (declared !== null && declared > limit) {
    abandon(req);
    throw tooLarge(limit);
  }
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > limit) {
        abandon(req);
        req.unpipe(counter);
        req.pause();
        done(tooLarge(limit));
        return;
      }
      done(null, chunk);
    },
  });
  req.on("error", (e) => counter.destroy(e));
  req.on("aborted", () => counter.destroy(badRequest("The client closed the connection before the body ended")));
  return req.pipe(counter);
}

export async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of limitedBody(req, limit)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function readText(req: IncomingMessage, limit: number): Promise<string> {
  const bytes = await readBytes(req, limit);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badRequest("The request body is not valid UTF-8");
  }
}

/** Checks a value against a schema; a 400 names the first field that is wrong. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, what = "body"): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw badRequest(`${issue.path.join(".") || what}: ${issue.message}`);
}

export async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>, limit: number, opts: { emptyAs?: unknown } = {}): Promise<T> {
  const text = await readText(req, limit);
  if (!text.trim() && opts.emptyAs !== undefined) return parseWith(schema, opts.emptyAs);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest("The body is not valid JSON");
  }
  return parseWith(schema, value);
}

export type FormFile = { field: string; name: string; type: string; bytes: Buffer };
export type MultipartForm = { fields: Map<string, string>; files: FormFile[] };

/** A multipart/form-data body, streamed through busboy with limits on every part. */
export function readMultipart(req: IncomingMessage, limits: { fileBytes: number; files: number; fields: number; fieldBytes?: number }): Promise<MultipartForm> {
  const total = limits.fileBytes * limits.files + limits.fields * (limits.fieldBytes ?? 64 * 1024) + 1024 * 1024;
  let body: Readable;
  let parser: Busboy.Busboy;
  try {
    body = limitedBody(req, total);
    parser = Busboy({ headers: req.headers, limits: { fileSize: limits.fileBytes, files: limits.files, fields: limits.fields, fieldSize: limits.fieldBytes ?? 64 * 1024, parts: limits.files + limits.fields } });
  } catch (e) {
    if (e instanceof Error && /multipart|boundary|content-type/i.test(e.message)) throw badRequest("Send the request as multipart/form-data");
    throw e;
  }
  return new Promise((resolve, reject) => {
    const form: MultipartForm = { fields: new Map(), files: [] };
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      abandon(req);
      body.unpipe(parser);
      reject(e);
    };
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) return fail(payloadTooLarge(`The form field ${name} is too long`));
      if (!form.fields.has(name)) form.fields.set(name, value);
    });
    parser.on("file", (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("limit", () => fail(payloadTooLarge(`The file ${field} is larger than ${limits.fileBytes} bytes`)));
      stream.on("close", () => {
        if (!failed) form.files.push({ field, name: info.filename ?? "", type: info.mimeType, bytes: Buffer.concat(chunks) });
      });
    });
    parser.on("filesLimit", () => fail(badRequest(`At most ${limits.files} files per request`)));
    parser.on("fieldsLimit", () => fail(badRequest(`At most ${limits.fields} form fields per request`)));
    parser.on("partsLimit", () => fail(badRequest("Too many parts in the form")));
    parser.on("error", (e: Error) => fail(badRequest(`Malformed multipart body: ${e.message}`)));
    parser.on("close", () => {
      if (!failed) resolve(form);
    });
    body.on("error", fail);
    body.pipe(parser);
  });
}
