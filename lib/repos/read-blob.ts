// Reads a small stored blob as text (cards, .gitattributes), refusing big ones.
import { blobStore } from "../storage";

export async function readBlobText(sha256: string, size: number, maxBytes = 2 * 1024 * 1024): Promise<string | null> {
  if (size > maxBytes) return null;
  if (size === 0) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of await blobStore().read(sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
