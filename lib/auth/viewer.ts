import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { maySetUp, type Viewer } from "@/lib/permissions";
import { loadAccess } from "@/lib/permissions/load";
import { authOptions } from "./options";
import { findSessionUser, sessionClaims } from "./sessions";

export type ViewerWithOrg = Viewer & { email: string; org: { name: string; baseCurrency: string; timezone: string } };

export type SignedInUser = Omit<ViewerWithOrg, "access">;

/**
 * The signed-in, active user of this request and their org, without their permissions: enough for
 * what is the user's own (their counters, their preferences). Null when signed out, including a
 * token that signing out has ended (its session version is behind the user's).
 */
export const getSignedInUser = cache(async (): Promise<SignedInUser | null> => {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: unknown; sv?: unknown } | undefined;
  const claims = sessionClaims(user ? { uid: user.id, sv: user.sv } : null);
  return claims ? findSessionUser(await getDb(), claims) : null;
});

/** The signed-in, active user of this request with their effective permissions, loaded once per request; null when signed out. */
export const getViewer = cache(async (): Promise<ViewerWithOrg | null> => {
  const user = await getSignedInUser();
  if (!user) return null;
  return { ...user, access: await loadAccess(await getDb(), user) };
});

/** For pages and actions: the viewer, or a redirect to the sign-in page that returns to the page asked for. */
export async function requireViewer(): Promise<ViewerWithOrg> {
  const viewer = await getViewer();
  if (!viewer) {
    // Set by proxy.ts for page requests.
    const path = (await headers()).get("x-crm-path") ?? "/deals";
    redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  }
  return viewer;
}

/** For settings only administrators may see: anyone else gets a 404, as for a forbidden deal. */
export async function requireAdmin(): Promise<ViewerWithOrg> {
  const viewer = await requireViewer();
  if (!maySetUp(viewer)) notFound();
  return viewer;
}
