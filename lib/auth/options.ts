import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { requestClientAddress } from "@/lib/net/forwarding";
import { endSessions, sessionClaims } from "./sessions";
import { checkCredentials } from "./sign-in";
import { encodeRefusal } from "./sign-in-error";
import { authSecret } from "./secret";

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
          result = await checkCredentials(await getDb(), email, password, requestClientAddress(req.headers ?? {}));
        } catch (error) {
          // Logged here; the sign-in page only ever gets a code it translates, never the error itself.
          console.error("[auth] sign-in failed", error);
          throw new Error("Default");
        }
        // A thrown error reaches the sign-in page as ?error=<message>: a code the page translates.
        if (!result.ok && result.error !== "CredentialsSignin") throw new Error(encodeRefusal(result.error, result.retryAfterSeconds));
        if (!result.ok) return null;
        const { id, name, email: address, sessionVersion } = result.user;
        return { id: String(id), name, email: address, sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = (user as { sessionVersion?: number }).sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      const claims = sessionClaims(token);
      if (session.user && claims) Object.assign(session.user, { id: claims.uid, sv: claims.sv });
      return session;
    },
  },
  events: {
    // next-auth's sign-out only clears the cookie; this makes every copy of the token useless too.
    async signOut({ token }) {
      const claims = sessionClaims(token);
      if (claims) await endSessions(await getDb(), claims);
    },
  },
};
