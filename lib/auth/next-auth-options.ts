// next-auth configuration: email-or-username + password (throttled and recorded by
// lib/auth/sign-in), JWT sessions signed with the persisted NEXTAUTH_SECRET (so
// sessions survive restarts) and carrying the user's session version (so a
// password change, a suspension or "sign out everywhere" ends them).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "../env";
import { currentRequest } from "../observability/request-context";
import { attemptSignIn } from "./sign-in";

let options: NextAuthOptions | undefined;

const header = (req: { headers?: Record<string, unknown> } | undefined, name: string) => {
  const v = req?.headers?.[name];
  return typeof v === "string" ? v : "";
};

export function authOptions(): NextAuthOptions {
  options ??= {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Password",
        credentials: { login: { label: "Email or user name", type: "text" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const login = String(credentials?.login ?? "").slice(0, 320);
          const password = String(credentials?.password ?? "").slice(0, 1024);
          if (!login || !password) return null;
          const result = await attemptSignIn({ login, password, ip: currentRequest()?.clientIp ?? "", userAgent: header(req as never, "user-agent") });
          // next-auth hands a thrown message to the sign-in form as `error`
          if (!result.ok && result.reason === "throttled") throw new Error(`Too many failed sign-ins: try again in ${result.retryAfterSeconds} s.`);
          if (!result.ok) return null;
          return { id: result.user.id, name: result.user.username, email: result.user.email, sv: result.user.sessionVersion } as never;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = (user as { sv?: number }).sv ?? 0;
        }
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
