import Link from "@/components/ui/link";

export default function NotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-bold">404 — not found</h1>
      <p className="mt-2 text-gray-600">This page does not exist, or you do not have access to it.</p>
      <Link href="/models" className="mt-4 inline-block text-indigo-700 underline">Browse models</Link>
    </div>
  );
}
