// The hub's documentation: the user's guide and the operator's guide.
import Link from "@/components/ui/link";
import { allGuides } from "@/lib/docs/guides";

export const metadata = { title: "Documentation" };

export default async function DocsIndex() {
  const guides = await allGuides();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">Documentation</h1>
      <ul className="space-y-3" data-testid="guides">
        {guides.map((g) => (
          <li key={g.slug} className="rounded-lg border border-gray-200 bg-white p-4">
            <Link className="text-lg font-semibold text-indigo-700 hover:underline" href={`/docs/${g.slug}`}>{g.title}</Link>
            <p className="mt-1 text-sm text-gray-600">{g.description}</p>
            <p className="mt-2 flex flex-wrap gap-x-3 text-sm">
              {g.headings.filter((h) => h.depth === 2).map((h) => <Link key={h.id} className="text-gray-700 hover:underline" href={`/docs/${g.slug}#${h.id}`}>{h.text}</Link>)}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
