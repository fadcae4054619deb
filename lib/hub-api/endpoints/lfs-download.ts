// GET /api/lfs/{oid}: the LFS download URL the batch hands out on the disk store,
// authorized by its signature (git-lfs sends no credentials to it). Ranges are
// served, so git-lfs resumes an interrupted transfer.
import { verifyDownloadGrant } from "../../blobs/download-grants";
import { storedSize } from "../../blobs/lfs-download-plan";
import { notFound } from "../../errors";
import { parseRange } from "../../http/byte-range";
import { empty, stream } from "../../http/reply";
import { blobStore } from "../../storage";
import { endpoint } from "../endpoint";

export const getObject = endpoint({
  handle: async ({ req, params, query }) => {
    const oid = params.oid!;
    verifyDownloadGrant(oid, query);
    const size = await storedSize(oid);
    if (size === null) throw notFound(`Object ${oid} not found`);
    const headers: Record<string, string> = { "Content-Type": "application/octet-stream", "Accept-Ranges": "bytes", "Cache-Control": "private, no-store" };
    const range = parseRange((req.headers.range as string | undefined) ?? null, size);
    if (range.kind === "unsatisfiable") return empty(416, { ...headers, "Content-Range": `bytes */${size}` });
    if (size === 0) return empty(200, headers);
    const start = range.kind === "partial" ? range.start : 0;
    const end = range.kind === "partial" ? range.end : size - 1;
    headers["Content-Length"] = String(end - start + 1);
    if (range.kind === "partial") headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
    const body = await blobStore().read(oid, range.kind === "partial" ? { start, end } : undefined);
    return stream(body, { status: range.kind === "partial" ? 206 : 200, headers });
  },
});
