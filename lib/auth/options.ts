import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { checkCredentials } from "./sign-in";
import { authSecret } from "./secret";

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "unknown";
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "E-mail",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = credentials?.email ?? "";
        const password = credentials?.password ?? "";
        if (!email || !password) return null;
        let result: Awaited<ReturnType<typeof checkCredentials>>;
        try {
          result = await checkCredentials(await getDb(), email, password, clientAddress(req.headers));
        } catch (error) {
          // Logged here; the sign-in page only ever gets a code it translates, never the error itself.
          console.error("[auth] sign-in failed", error);
          throw new Error("Default");
        }
        // A thrown error reaches the sign-in page as ?error=<message>: a code the page translates.
        if (!result.ok && result.error === "TooManyAttempts") throw new Error("TooManyAttempts");
        if (!result.ok) return null;
        return { id: String(result.user.id), name: result.user.name, email: result.user.email };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = Number(user.id);
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "number") (session.user as { id?: number }).id = token.uid;
      return session;
    },
  },
};
