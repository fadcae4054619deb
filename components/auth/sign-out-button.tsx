"use client";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";

// No next-auth redirect: its base URL would be a configured one, not the page's own origin.
export function SignOutButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      className="text-sm text-gray-600 hover:text-gray-900"
      onClick={async () => {
        await signOut({ redirect: false });
        router.push("/");
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
