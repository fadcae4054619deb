// One guide: compiled MDX (lib/docs) with its contents beside it; snippets carry the
// visitor's user name and this hub's address.
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import Link from "@/components/ui/link";
import { sessionActor } from "@/lib/auth/current-actor";
import { findGuide } from "@/lib/docs/guides";
import { env } from "@/lib/env";
import { pageOrigin } from "@/lib/http/origin";
import { Snippet } from "@/components/docs/snippet";
import { guideComponent } from "@/components/docs/guide-component";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props) {
  const guide = await findGuide((await params).slug);
  return { title: guide?.title ?? "Documentation" };
}

export default async function GuidePage({ params }: Props) {
  const guide = await findGuide((await params).slug);
  if (!guide) notFound();
  const actor = await sessionActor();
  const hub = (env().PUBLIC_URL ?? pageOrigin(await headers())).replace(/\/$/, "");
  const Content = guideComponent(guide);
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_14rem]">
      <article className="card-body min-w-0 rounded-lg border border-gray-200 bg-white p-6" data-testid="guide">
        <Content components={{ Snippet: (p: { children?: React.ReactNode; lang?: string }) => <Snippet {...p} hub={hub} user={actor?.username ?? null} /> }} />
      </article>
      <nav className="order-first text-sm lg:order-none" aria-label="Contents">
        <p className="mb-2"><Link className="text-indigo-700 hover:underline" href="/docs">All guides</Link></p>
        <ul className="space-y-1 lg:sticky lg:top-4">
          {guide.headings.map((h) => (
            <li key={h.id} className={h.depth === 3 ? "pl-3" : ""}><Link className="text-gray-700 hover:underline" href={`#${h.id}`}>{h.text}</Link></li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
