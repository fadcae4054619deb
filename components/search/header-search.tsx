"use client";
// The header's search box: suggests models, datasets, users, organizations and sections of
// the guides as you type
// (GET /api/quicksearch, debounced; a late answer never replaces a newer one), keyboard
// navigable as an ARIA combobox; Enter without a pick searches the model catalogue.
import { useEffect, useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";

type Answer = { q: string; models: { id: string }[]; datasets: { id: string }[]; users: { user: string }[]; orgs: { name: string }[]; docs?: { title: string; href: string }[] };
type Item = { kind: "Model" | "Dataset" | "User" | "Organization" | "Docs"; label: string; href: string };

const itemsOf = (a: Answer): Item[] => [
  ...a.models.map((m): Item => ({ kind: "Model", label: m.id, href: `/${m.id}` })),
  ...a.datasets.map((d): Item => ({ kind: "Dataset", label: d.id, href: `/datasets/${d.id}` })),
  ...a.users.map((u): Item => ({ kind: "User", label: u.user, href: `/${u.user}` })),
  ...a.orgs.map((o): Item => ({ kind: "Organization", label: o.name, href: `/${o.name}` })),
  ...(a.docs ?? []).map((d): Item => ({ kind: "Docs", label: d.title, href: d.href })),
];

export function HeaderSearch() {
  const router = useRouter();
  const listId = useId();
  const [q, setQ] = useState("");
  const [items, setItems] = useState<Item[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const latest = useRef("");

  useEffect(() => {
    const term = q.trim();
    latest.current = term;
    if (!term) {
      setItems([]);
      return;
    }
    const t = setTimeout(async () => {
      try {
        const res = await fetch(`/api/quicksearch?q=${encodeURIComponent(term)}&limit=5`);
        if (!res.ok) return;
        const answer = (await res.json()) as Answer;
        if (latest.current !== term) return; // a newer query was typed meanwhile
        setItems(itemsOf(answer));
        setActive(-1);
      } catch {
        // offline or aborted: keep the last suggestions
      }
    }, 150);
    return () => clearTimeout(t);
  }, [q]);

  const go = (href: string) => {
    setOpen(false);
    router.push(href);
  };

  return (
    <form
      role="search"
      className="relative order-last w-full sm:order-none sm:w-64"
      onSubmit={(e) => {
        e.preventDefault();
        if (open && active >= 0 && items[active]) go(items[active].href);
        else if (q.trim()) go(`/models?search=${encodeURIComponent(q.trim())}`);
      }}
    >
      <input
        type="search"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
          setActive(-1); // a pick belongs to the suggestions of what was typed before
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(i + 1, items.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, -1));
          } else if (e.key === "Escape") setOpen(false);
        }}
        placeholder="Search models, datasets, users…"
        aria-label="Search the hub"
        role="combobox"
        aria-expanded={open && items.length > 0}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        aria-autocomplete="list"
        className="w-full rounded-md border border-gray-300 bg-gray-50 px-3 py-1.5 text-sm focus:border-indigo-500 focus:bg-white focus:outline-none"
        data-testid="header-search"
      />
      {open && items.length > 0 && (
        <ul id={listId} role="listbox" className="absolute left-0 right-0 z-20 mt-1 max-h-96 overflow-auto rounded-md border border-gray-200 bg-white py-1 text-sm shadow-lg" data-testid="header-suggestions">
          {items.map((it, i) => (
            <li
              key={`${it.kind}:${it.label}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault(); // keep focus until the click lands
                go(it.href);
              }}
              className={`flex cursor-pointer items-baseline justify-between gap-3 px-3 py-1.5 ${i === active ? "bg-indigo-50" : "hover:bg-gray-50"}`}
            >
              <span className={`truncate ${it.kind === "Docs" ? "" : "font-mono"}`}>{it.label}</span>
              <span className="shrink-0 text-xs text-gray-500">{it.kind}</span>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
