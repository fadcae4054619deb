import Link from "@/components/ui/link";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata = { title: "Sign in" };

// Only same-site paths are followed after sign-in (no open redirects).
function safeCallback(v: string | string[] | undefined): string {
  const s = typeof v === "string" ? v : "/";
  return s.startsWith("/") && !s.startsWith("//") && !s.startsWith("/\\") ? s : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  return (
    <div className="mx-auto max-w-sm rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-xl font-semibold">Sign in to Modelhub</h1>
      <SignInForm callbackUrl={safeCallback(sp.callbackUrl)} />
      <p className="mt-4 text-sm text-gray-600">
        New here? <Link className="text-indigo-700 underline" href="/signup">Create an account</Link>
      </p>
    </div>
  );
}
