// Sends one File to /api/uploads with progress events. XHR, not fetch: only XHR
// reports upload progress, and the browser streams the File from disk.
export type PutResult = { sha256: string; size: number };

export function putFile(file: File, onProgress: (sent: number) => void, signal: AbortSignal): Promise<PutResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", "/api/uploads");
    xhr.setRequestHeader("X-File-Size", String(file.size));
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      let body: { error?: string } & Partial<PutResult> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: reported below */
      }
      if (xhr.status === 200 && body.sha256) resolve({ sha256: body.sha256, size: body.size ?? file.size });
      else reject(new Error(body.error ?? `Upload failed (HTTP ${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error("Network error during upload"));
    xhr.onabort = () => reject(new Error("Upload cancelled"));
    signal.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
