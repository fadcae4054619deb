"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" className="text-sm text-gray-600 hover:text-gray-900" onClick={() => signOut({ callbackUrl: "/" })}>
      Sign out
    </button>
  );
}
