// next-auth configuration: email-or-username + password, JWT sessions signed with
// the persisted NEXTAUTH_SECRET (so sessions survive restarts).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "../env";
import { checkCredentials } from "./users";

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  options ??= {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Password",
        credentials: { login: { label: "Email or user name", type: "text" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const login = String(credentials?.login ?? "").slice(0, 320);
          const password = String(credentials?.password ?? "");
          if (!login || !password) return null;
          const user = await checkCredentials(login, password);
          return user ? { id: user.id, name: user.username, email: user.email } : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      session({ session, token }) {
        (session as { uid?: unknown }).uid = token.uid;
        return session;
      },
    },
  };
  return options;
}
