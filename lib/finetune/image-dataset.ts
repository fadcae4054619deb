// Image classification datasets: a zip with one folder per class (optionally
// inside one top folder). Refused: paths that escape (.., absolute,
// backslashes), too many entries, too many bytes, entries that inflate far past
// their compressed size, images that are not JPEG/PNG or are too large.
import yauzl from "yauzl";
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { badRequest } from "../errors";
import { checkLabels } from "./text-dataset";
import { limits } from "./limits";

export type DecodedImage = { label: string; width: number; height: number; rgb: Uint8Array };

const MAX_RATIO = 200; // uncompressed / compressed, per entry

function openZip(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (err, zip) =>
      err ? reject(badRequest(`The archive cannot be read: ${err.message}`)) : resolve(zip!),
    ),
  );
}

function safeParts(name: string): string[] {
  if (name.includes("\\") || name.startsWith("/") || /^[a-z]:/i.test(name)) throw badRequest(`Unsafe path in the archive: ${JSON.stringify(name.slice(0, 200))}`);
  const parts = name.split("/").filter(Boolean);
  if (parts.some((p) => p === ".." || p === ".")) throw badRequest(`Unsafe path in the archive: ${JSON.stringify(name.slice(0, 200))}`);
  return parts;
}

/** Walks the archive, checking every entry, and decodes the images (labels from folders). */
export async function readImageDataset(bytes: Buffer, onImage?: (img: DecodedImage) => void): Promise<{ labels: string[]; count: number }> {
  const L = limits();
  const zip = await openZip(bytes);
  if (zip.entryCount > L.archiveEntries) throw badRequest(`The archive has ${zip.entryCount} entries (limit ${L.archiveEntries})`);
  const files: { entry: yauzl.Entry; parts: string[] }[] = [];
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on("error", (e) => reject(badRequest(`The archive cannot be read: ${e.message}`)));
    zip.on("end", () => resolve());
    zip.on("entry", (entry: yauzl.Entry) => {
      try {
        const parts = safeParts(entry.fileName);
        if (!entry.fileName.endsWith("/") && !parts.some((p) => p.startsWith(".") || p === "__MACOSX")) {
          total += entry.uncompressedSize;
          if (total > L.archiveBytes) throw badRequest(`The archive expands to more than ${L.archiveBytes / 1024 ** 3} GiB`);
          if (entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > MAX_RATIO) {
            throw badRequest(`${entry.fileName} expands ${Math.round(entry.uncompressedSize / entry.compressedSize)}× (a compression bomb?)`);
          }
          files.push({ entry, parts });
        }
        zip.readEntry();
      } catch (e) {
        reject(e);
      }
    });
    zip.readEntry();
  });
  // one folder per class, optionally under a single top folder
  const prefix = files.length && files.every((f) => f.parts.length === 3 && f.parts[0] === files[0]!.parts[0]) ? 1 : 0;
  const images = files.filter((f) => /\.(jpe?g|png)$/i.test(f.entry.fileName));
  for (const f of files) {
    if (f.parts.length !== prefix + 2) throw badRequest(`${f.entry.fileName}: put each image in a folder named after its class (class/image.jpg)`);
    if (!/\.(jpe?g|png)$/i.test(f.entry.fileName)) throw badRequest(`${f.entry.fileName}: only JPEG and PNG images are supported`);
  }
  if (images.length > L.images) throw badRequest(`The archive has ${images.length} images (limit ${L.images})`);
  const labels = checkLabels(images.map((f) => f.parts[prefix]!));
  if (onImage) {
    for (const f of images) {
      const data = await readEntry(zip, f.entry);
      onImage({ label: f.parts[prefix]!, ...decodeImage(f.entry.fileName, data, L.imageMegapixels) });
    }
  }
  zip.close();
  return { labels, count: images.length };
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(badRequest(`${entry.fileName}: ${err.message}`));
      const parts: Buffer[] = [];
      stream!.on("data", (c: Buffer) => parts.push(c));
      stream!.on("error", (e) => reject(badRequest(`${entry.fileName}: ${e.message}`)));
      stream!.on("end", () => resolve(Buffer.concat(parts)));
    }),
  );
}

export function decodeImage(name: string, data: Buffer, maxMegapixels: number): { width: number; height: number; rgb: Uint8Array } {
  try {
    if (data[0] === 0x89 && data[1] === 0x50) {
      // PNG: check the IHDR dimensions before allocating
      const w = data.readUInt32BE(16);
      const h = data.readUInt32BE(20);
      if (w * h > maxMegapixels * 1e6) throw new Error(`${w}×${h} is over ${maxMegapixels} megapixels`);
      const png = PNG.sync.read(data);
      return { width: png.width, height: png.height, rgb: dropAlpha(png.data, png.width * png.height) };
    }
    const img = jpeg.decode(data, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: maxMegapixels, maxMemoryUsageInMB: 512 });
    return { width: img.width, height: img.height, rgb: dropAlpha(img.data, img.width * img.height) };
  } catch (e) {
    throw badRequest(`${name}: not a readable JPEG or PNG image (${(e as Error).message})`);
  }
}

function dropAlpha(rgba: Uint8Array | Buffer, pixels: number): Uint8Array {
  const out = new Uint8Array(pixels * 3);
  for (let i = 0, j = 0; i < pixels; i++, j += 3) {
    out[j] = rgba[i * 4]!;
    out[j + 1] = rgba[i * 4 + 1]!;
    out[j + 2] = rgba[i * 4 + 2]!;
  }
  return out;
}
