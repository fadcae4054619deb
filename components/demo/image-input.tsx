"use client";
// Every way to give the demo a picture: a file, drag-and-drop, paste, the webcam,
// or one of the card's examples. Hands back an ImageBitmap.
import { useEffect, useRef, useState } from "react";
import { secondaryButtonClass } from "@/components/ui/button-styles";

type Props = { examples: { title: string; url: string }[]; onImage: (img: ImageBitmap, name: string) => void; disabled?: boolean };

export function ImageInput({ examples, onImage, disabled }: Props) {
  const [over, setOver] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [camera, setCamera] = useState<MediaStream | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  const fromBlob = async (blob: Blob, name: string) => {
    setError(null);
    // Decoding decides, not the type: /resolve serves example files as octet-stream.
    if (blob.type && !blob.type.startsWith("image/") && blob.type !== "application/octet-stream") return setError(`${name} is not an image`);
    try {
      onImage(await createImageBitmap(blob), name);
    } catch {
      setError(`${name} could not be decoded as an image`);
    }
  };

  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const item = [...(e.clipboardData?.items ?? [])].find((i) => i.type.startsWith("image/"));
      const file = item?.getAsFile();
      if (file) void fromBlob(file, "pasted image");
    };
    document.addEventListener("paste", onPaste);
    return () => document.removeEventListener("paste", onPaste);
  });

  useEffect(() => {
    if (video.current && camera) video.current.srcObject = camera;
    return () => camera?.getTracks().forEach((t) => t.stop());
  }, [camera]);

  const startCamera = async () => {
    setError(null);
    try {
      setCamera(await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } }));
    } catch (e) {
      setError(`The webcam is unavailable: ${(e as Error).message}`);
    }
  };
  const capture = async () => {
    if (video.current && video.current.videoWidth) onImage(await createImageBitmap(video.current), "webcam");
  };
  const example = async (ex: { title: string; url: string }) => {
    setError(null);
    try {
      const res = await fetch(ex.url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      await fromBlob(await res.blob(), ex.title);
    } catch (e) {
      setError(`The example could not be loaded: ${(e as Error).message}`);
    }
  };

  return (
    <div className="space-y-2">
      <label
        className={`flex cursor-pointer flex-col items-center justify-center rounded border-2 border-dashed px-4 py-6 text-center text-sm ${over ? "border-indigo-500 bg-indigo-50" : "border-gray-300 text-gray-600"}`}
        onDragOver={(e) => (e.preventDefault(), setOver(true))}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const f = e.dataTransfer.files[0];
          if (f) void fromBlob(f, f.name);
        }}
      >
        <span>Drop an image here, paste one, or <span className="text-indigo-700 underline">choose a file</span></span>
        <input type="file" accept="image/*" className="sr-only" disabled={disabled} data-testid="demo-file" onChange={(e) => { const f = e.target.files?.[0]; if (f) void fromBlob(f, f.name); }} />
      </label>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {examples.map((ex) => (
          <button key={ex.url} type="button" className={secondaryButtonClass} disabled={disabled} onClick={() => void example(ex)} data-testid="demo-example">
            {ex.title}
          </button>
        ))}
        {camera ? (
          <>
            <button type="button" className={secondaryButtonClass} onClick={() => void capture()}>Capture</button>
            <button type="button" className="text-gray-600 hover:underline" onClick={() => setCamera(null)}>Stop webcam</button>
          </>
        ) : (
          <button type="button" className="text-indigo-700 hover:underline" disabled={disabled} onClick={() => void startCamera()}>Use webcam</button>
        )}
      </div>
      {camera && <video ref={video} autoPlay playsInline muted className="max-h-48 rounded" />}
      {error && <p className="text-sm text-red-700" role="alert">{error}</p>}
    </div>
  );
}
