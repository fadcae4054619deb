"use client";
// A download link that asks first when the file's pickle scan found something:
// loading such a file with torch.load/pickle can run code on your machine.
import { useRef } from "react";

export function GuardedDownload({ href, warning, children, className }: { href: string; warning: string | null; children: React.ReactNode; className?: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  if (!warning) return <a className={className} href={href} download>{children}</a>;
  return (
    <>
      <a className={className} href={href} onClick={(e) => { e.preventDefault(); dialog.current?.showModal(); }}>{children}</a>
      <dialog ref={dialog} className="m-auto max-w-md rounded-lg p-5 text-sm shadow-xl backdrop:bg-black/40" data-testid="download-warning">
        <h2 className="mb-2 text-base font-semibold">Download a file flagged by the pickle scan?</h2>
        <p className="mb-4 text-gray-700">{warning}</p>
        <div className="flex justify-end gap-2">
          <button type="button" className="rounded-md border border-gray-300 px-3 py-1.5" onClick={() => dialog.current?.close()}>Cancel</button>
          <a className="rounded-md bg-red-600 px-3 py-1.5 font-medium text-white" href={href} download onClick={() => dialog.current?.close()}>Download anyway</a>
        </div>
      </dialog>
    </>
  );
}
