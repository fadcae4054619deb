"use client";
// The revision picker on the Files tab: branches and tags to browse, and for writers
// the form that makes a new one from the revision shown, inside the same popover.
// Creating closes the popover and says what was made beside it.
import { useCallback, useRef, useState } from "react";
import Link from "@/components/ui/link";
import { NewRefForm, type NewRefProps } from "./new-ref-form";

type Ref = { name: string; kind: "branch" | "tag"; href: string };

export function RefMenu({ label, refs, newRef }: { label: string; refs: Ref[]; newRef?: NewRefProps }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const [created, setCreated] = useState<string | null>(null);
  const onCreated = useCallback((what: string) => {
    if (menu.current) menu.current.open = false;
    setCreated(what);
  }, []);
  return (
    <div className="flex items-center gap-2">
      <details ref={menu} className="relative" data-testid="ref-picker">
        <summary className="cursor-pointer rounded-md border border-gray-300 bg-white px-3 py-1.5 font-mono">{label} ▾</summary>
        <div className="absolute z-20 mt-1 w-80 rounded-md border border-gray-200 bg-white p-1 shadow-lg">
          <ul className="max-h-72 overflow-auto" data-testid="ref-menu">
            {refs.map((x) => (
              <li key={`${x.kind}:${x.name}`}>
                <Link className="block rounded px-2 py-1 font-mono hover:bg-gray-100" href={x.href}>
                  {x.name} <span className="text-xs text-gray-500">{x.kind}</span>
                </Link>
              </li>
            ))}
          </ul>
          {newRef && (
            <div className="border-t border-gray-100 p-2">
              <NewRefForm {...newRef} onCreated={onCreated} />
            </div>
          )}
        </div>
      </details>
      {created && <span role="status" className="text-sm text-emerald-700">Created {created}</span>}
    </div>
  );
}
