"use client";
// A download link that asks first when the file's pickle scan found something:
// loading such a file with torch.load/pickle can run code on your machine. The
// flagged link is a button that opens the dialog with the browser's own invoker
// commands (command/commandfor), so it asks even before the page's script has
// loaded; the click handler covers browsers without them.
import { useId, useRef } from "react";

export function GuardedDownload({ href, warning, children, className }: { href: string; warning: string | null; children: React.ReactNode; className?: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  if (!warning) return <a className={className} href={href} download>{children}</a>;
  const invoke = (command: "show-modal" | "close") => ({ command, commandfor: id }) as Record<string, string>;
  return (
    <>
      <button
        type="button"
        className={className}
        {...invoke("show-modal")}
        onClick={() => {
          if (!dialog.current?.open) dialog.current?.showModal();
        }}
      >
        {children}
      </button>
      <dialog id={id} ref={dialog} className="m-auto max-w-md rounded-lg p-5 text-sm shadow-xl backdrop:bg-black/40" data-testid="download-warning">
        <h2 className="mb-2 text-base font-semibold">Download a file flagged by the pickle scan?</h2>
        <p className="mb-4 text-gray-700">{warning}</p>
        <div className="flex justify-end gap-2">
          <button type="button" className="rounded-md border border-gray-300 px-3 py-1.5" {...invoke("close")} onClick={() => dialog.current?.close()}>Cancel</button>
          <a className="rounded-md bg-red-600 px-3 py-1.5 font-medium text-white" href={href} download onClick={() => dialog.current?.close()}>Download anyway</a>
        </div>
      </dialog>
    </>
  );
}
