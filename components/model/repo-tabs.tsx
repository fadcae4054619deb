import Link from "@/components/ui/link";

// Navigation between a repo's views; `rev` keeps the browsed revision across tabs.
export function RepoTabs({ base, rev, active, showSettings = false }: { base: string; rev: string; active: "card" | "files" | "history" | "community" | "settings"; showSettings?: boolean }) {
  const r = encodeURIComponent(rev);
  const tab = (key: typeof active, href: string, label: string) => (
    <Link href={href} className={`shrink-0 border-b-2 px-3 py-2 text-sm ${active === key ? "border-indigo-600 font-semibold" : "border-transparent text-gray-600 hover:text-gray-900"}`}>
      {label}
    </Link>
  );
  return (
    <nav className="flex gap-1 overflow-x-auto whitespace-nowrap border-b border-gray-200" aria-label="Repository" data-testid="repo-tabs">
      {tab("card", base, base.startsWith("/datasets/") ? "Dataset card" : "Model card")}
      {tab("files", `${base}/tree/${r}`, "Files and versions")}
      {tab("history", `${base}/commits/${r}`, "History")}
      {tab("community", `${base}/discussions`, "Community")}
      {(showSettings || active === "settings") && tab("settings", `${base}/settings`, "Settings")}
    </nav>
  );
}
