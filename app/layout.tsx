import { canAdminister } from "@/lib/auth/can";
import type { Metadata, Viewport } from "next";
import Link from "@/components/ui/link";
import { sessionActor } from "@/lib/auth/current-actor";
import { unreadCount } from "@/lib/community/notifications";
import { UserMenu } from "@/components/auth/user-menu";
import { HeaderSearch } from "@/components/search/header-search";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Modelhub", template: "%s · Modelhub" },
  description: "Publish, browse and try machine-learning models.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const actor = await sessionActor();
  const unread = actor ? await unreadCount(actor.userId) : 0;
  return (
    <html lang="en">
      <body className="min-h-screen bg-gray-50 font-sans text-gray-900 antialiased">
        <header className="border-b border-gray-200 bg-white">
          <nav className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:gap-x-6">
            <Link href="/" className="flex items-center gap-2 text-lg font-bold tracking-tight">
              <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 text-indigo-600" fill="currentColor">
                <path d="M12 2 3 7v10l9 5 9-5V7l-9-5Zm0 2.3 6.8 3.8L12 11.9 5.2 8.1 12 4.3ZM5 9.8l6 3.4v6.6l-6-3.4V9.8Zm8 10v-6.6l6-3.4v6.6l-6 3.4Z" />
              </svg>
              Modelhub
            </Link>
            <Link href="/models" className="text-sm text-gray-700 hover:text-gray-900">
              Models
            </Link>
            <Link href="/datasets" className="text-sm text-gray-700 hover:text-gray-900">
              Datasets
            </Link>
            <Link href="/docs" className="text-sm text-gray-700 hover:text-gray-900">
              Docs
            </Link>
            <HeaderSearch />
            <div className="ml-auto flex items-center gap-x-3">
              {actor ? (
                <>
                  <Link href="/notifications" className="text-sm text-gray-600 hover:text-gray-900" data-testid="inbox-link">
                    Inbox{unread > 0 && <span className="ml-1 rounded-full bg-indigo-600 px-1.5 text-xs text-white" data-testid="unread">{unread}</span>}
                  </Link>
                  <UserMenu username={actor.username} admin={canAdminister(actor, "view")} />
                </>
              ) : (
                <>
                  <Link href="/signin" className="text-sm text-gray-700 hover:text-gray-900">
                    Sign in
                  </Link>
                  <Link href="/signup" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm text-white hover:bg-indigo-700">
                    Sign up
                  </Link>
                </>
              )}
            </div>
          </nav>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
      </body>
    </html>
  );
}
