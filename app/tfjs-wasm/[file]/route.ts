// The TF.js WASM backend's binaries, served from the installed package so the
// demo's WASM fallback needs no CDN. Only the three known file names are served.
import { wasmBinary } from "@/lib/demo/wasm-binaries";

export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const bytes = await wasmBinary(file);
  if (!bytes) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "application/wasm", "Cache-Control": "public, max-age=86400" },
  });
}
