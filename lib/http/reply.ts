// What a route handler answers: a status, headers and a body (bytes or a stream).
// The pipeline writes it to the socket, so handlers never touch the response.
import type { Readable } from "node:stream";

export type Reply = { status: number; headers: Record<string, string>; body: Buffer | Readable | null };

type Init = { status?: number; headers?: Record<string, string> };

export function json(value: unknown, init: Init = {}): Reply {
  return bytes(Buffer.from(JSON.stringify(value)), { ...init, headers: { "Content-Type": "application/json; charset=utf-8", ...init.headers } });
}

/** JSON whose bytes were serialized already (kept list items, hub-api/list-models). */
export function jsonBytes(body: Buffer, init: Init = {}): Reply {
  return bytes(body, { ...init, headers: { "Content-Type": "application/json; charset=utf-8", ...init.headers } });
}

export function bytes(body: Buffer, init: Init = {}): Reply {
  return { status: init.status ?? 200, headers: { "Content-Length": String(body.length), ...init.headers }, body };
}

export function stream(body: Readable, init: Init = {}): Reply {
  return { status: init.status ?? 200, headers: { ...init.headers }, body };
}

export function empty(status = 204, headers: Record<string, string> = {}): Reply {
  return { status, headers: status === 204 || status === 304 ? headers : { "Content-Length": "0", ...headers }, body: null };
}

export function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}
