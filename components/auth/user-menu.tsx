"use client";
// The signed-in user's menu: one button in the header instead of a row of links. A
// <details> element, so it opens without JavaScript; it closes after a pick, on a click
// elsewhere and on Escape.
import { useEffect, useRef } from "react";
import { usePathname } from "next/navigation";
import Link from "@/components/ui/link";
import { SignOutButton } from "./sign-out-button";

export function UserMenu({ username, admin }: { username: string; admin: boolean }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  useEffect(() => {
    const close = (e: Event) => {
      if (ref.current?.open && (e instanceof KeyboardEvent ? e.key === "Escape" : !ref.current.contains(e.target as Node))) ref.current.open = false;
    };
    document.addEventListener("click", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("click", close);
      document.removeEventListener("keydown", close);
    };
  }, []);
  const item = "block px-4 py-1.5 text-sm text-gray-700 hover:bg-gray-50 hover:text-gray-900";
  return (
    <details ref={ref} className="relative" data-testid="user-menu">
      <summary className="flex cursor-pointer list-none items-center gap-1 rounded-md px-2 py-1 text-sm font-medium hover:bg-gray-100" aria-label={`Menu of ${username}`}>
        <span className="flex h-6 w-6 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold uppercase text-white" aria-hidden="true">{username.slice(0, 1)}</span>
        <span className="hidden sm:inline" data-testid="current-user">{username}</span>
        <span aria-hidden="true" className="text-gray-400">▾</span>
      </summary>
      <div className="absolute right-0 z-30 mt-1 w-52 rounded-md border border-gray-200 bg-white py-1 shadow-lg" role="menu">
        <Link href={`/${username}`} className={item} role="menuitem">Profile</Link>
        <Link href="/new" className={item} role="menuitem">+ New model</Link>
        <Link href="/new?type=dataset" className={item} role="menuitem">+ New dataset</Link>
        <Link href="/organizations/new" className={item} role="menuitem">+ New organization</Link>
        <hr className="my-1 border-gray-100" />
        <Link href="/jobs" className={item} role="menuitem">Jobs</Link>
        <Link href="/settings/organizations" className={item} role="menuitem">Organizations</Link>
        <Link href="/settings/tokens" className={item} role="menuitem">Tokens</Link>
        <Link href="/settings/security" className={item} role="menuitem">Security</Link>
        <Link href="/settings/storage" className={item} role="menuitem">Storage</Link>
        {admin && <Link href="/admin" className={item} role="menuitem">Admin</Link>}
        <hr className="my-1 border-gray-100" />
        <div className="px-4 py-1.5"><SignOutButton /></div>
      </div>
    </details>
  );
}
