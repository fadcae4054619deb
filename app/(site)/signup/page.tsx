import Link from "@/components/ui/link";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { signUp } from "./actions";

export const metadata = { title: "Sign up" };

export default function SignUpPage() {
  return (
    <div className="mx-auto max-w-sm rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-xl font-semibold">Create your account</h1>
      <SignUpForm action={signUp} />
      <p className="mt-4 text-sm text-gray-600">
        Already have one? <Link className="text-indigo-700 underline" href="/signin">Sign in</Link>
      </p>
    </div>
  );
}
