// The demo worker's prebuilt modules (lib/demo/demo-runtime-bundle). Names carry a
// content hash, so a browser may keep them for good.
import { demoRuntimeFile } from "@/lib/demo/demo-runtime-bundle";

export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const bytes = demoRuntimeFile(file);
  if (!bytes) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable" },
  });
}
