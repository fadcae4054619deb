// What an endpoint is: its input schema (a JSON body checked with zod, within a byte
// limit, or a multipart form within its limits) and what it does with it. Where it
// lives, who may call it and its rate limit are written in the route table
// (routes.ts), the one place to read the API.
import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import type { Actor } from "../auth/actor";
import { readJson, readMultipart, type MultipartForm } from "../http/body";
import type { RequestBase } from "../http/pipeline";
import type { Reply } from "../http/reply";
import type { RepoRow } from "../repos/find-repo";
import type { RepoType } from "../repos/repo-type";

export type Ctx<B> = Omit<RequestBase, "actor"> & {
  params: Record<string, string>;
  /** The path's remaining segments when the pattern ends in `*name`. */
  rest: string[];
  query: URLSearchParams;
  actor: Actor | null;
  /** The kind of repo the path names (/api/datasets/..., /datasets/...), "model" otherwise. */
  repoType: RepoType;
  body: B;
};

export type RepoCtx<B> = Ctx<B> & { repo: RepoRow };

type BodyReader = (req: IncomingMessage) => Promise<unknown>;

export type Endpoint = { needsRepo: false; body?: BodyReader; handle: (c: Ctx<never>) => Promise<Reply> };
export type RepoEndpoint = { needsRepo: true; body?: BodyReader; handle: (c: RepoCtx<never>) => Promise<Reply> };

const KIB = 1024;
const MIB = 1024 * KIB;

type MultipartLimits = { fileBytes: number; files: number; fields: number };

/** A JSON body checked against `json`, at most `limit` bytes (1 MiB unless said); `emptyAs` stands for an empty body. */
type JsonSpec<S extends z.ZodType, C> = { json: S; limit?: number; emptyAs?: unknown; handle: (c: C) => Promise<Reply> };
/** A multipart form; limits are read per request (some come from the configuration). */
type FormSpec<C> = { multipart: () => MultipartLimits; handle: (c: C) => Promise<Reply> };
type PlainSpec<C> = { handle: (c: C) => Promise<Reply> };

type AnySpec = { json?: z.ZodType; limit?: number; emptyAs?: unknown; multipart?: () => MultipartLimits; handle: unknown };

function readerOf(e: AnySpec): BodyReader | undefined {
  if (e.json) {
    const schema = e.json;
    return (req) => readJson(req, schema, e.limit ?? MIB, { emptyAs: e.emptyAs });
  }
  if (e.multipart) {
    const limits = e.multipart;
    return (req) => readMultipart(req, limits());
  }
  return undefined;
}

export function endpoint<S extends z.ZodType>(e: JsonSpec<S, Ctx<z.output<S>>>): Endpoint;
export function endpoint(e: FormSpec<Ctx<MultipartForm>>): Endpoint;
export function endpoint(e: PlainSpec<Ctx<undefined>>): Endpoint;
export function endpoint(e: AnySpec): Endpoint {
  return { needsRepo: false, body: readerOf(e), handle: e.handle as Endpoint["handle"] };
}

/** An endpoint on one repo (its :ns/:name): the table says whether it needs read or write access. */
export function repoEndpoint<S extends z.ZodType>(e: JsonSpec<S, RepoCtx<z.output<S>>>): RepoEndpoint;
export function repoEndpoint(e: FormSpec<RepoCtx<MultipartForm>>): RepoEndpoint;
export function repoEndpoint(e: PlainSpec<RepoCtx<undefined>>): RepoEndpoint;
export function repoEndpoint(e: AnySpec): RepoEndpoint {
  return { needsRepo: true, body: readerOf(e), handle: e.handle as RepoEndpoint["handle"] };
}

export { KIB, MIB };
