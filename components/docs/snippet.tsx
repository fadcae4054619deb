"use client";
// A copyable snippet of the guides: {{hub}} and {{user}} become this hub's address and the
// visitor's own user name (a placeholder when signed out), so it can be pasted as it is.
import { useState } from "react";

export function Snippet({ children, lang, hub, user }: { children?: React.ReactNode; lang?: string; hub: string; user: string | null }) {
  const [copied, setCopied] = useState(false);
  const text = String(children ?? "").replaceAll("{{hub}}", hub).replaceAll("{{user}}", user ?? "your-name");
  return (
    <div className="relative my-3" data-testid="snippet">
      <pre className="overflow-x-auto rounded-lg bg-gray-900 p-4 pr-20 text-sm text-gray-100" data-lang={lang}>
        <code>{text}</code>
      </pre>
      <button
        type="button"
        className="absolute right-2 top-2 rounded border border-gray-600 bg-gray-800 px-2 py-0.5 text-xs text-gray-100 hover:bg-gray-700"
        onClick={async () => {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        }}
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </div>
  );
}
