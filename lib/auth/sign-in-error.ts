import type { ThrottleReason } from "./throttle";

/** The codes the sign-in page explains; anything else shows the generic message. */
export const signInErrorCodes = ["CredentialsSignin", "TooManyAttempts", "TooManyFromAddress", "SlowDown", "SessionRequired", "CookiesRequired"] as const;
export type SignInErrorCode = (typeof signInErrorCodes)[number] | "Default";

const MAX_WAIT_SECONDS = 24 * 60 * 60;

/**
 * next-auth hands a thrown error's message to the sign-in page as ?error=…, so a throttled attempt
 * travels as "<reason>.<seconds to wait>".
 */
export function encodeRefusal(reason: ThrottleReason, retryAfterSeconds: number): string {
  return `${reason}.${Math.max(1, Math.ceil(retryAfterSeconds))}`;
}

/** Reads ?error=… back; the wait is bounded, since anyone can type the address. */
export function decodeSignInError(value: string): { code: SignInErrorCode; retryAfterSeconds: number | null } {
  const [name, seconds, extra] = value.split(".");
  const code = (signInErrorCodes as readonly string[]).includes(name ?? "") ? (name as SignInErrorCode) : "Default";
  const wait = seconds !== undefined && extra === undefined && /^\d{1,6}$/.test(seconds) ? Math.min(Number(seconds), MAX_WAIT_SECONDS) : null;
  const throttle = code === "TooManyAttempts" || code === "TooManyFromAddress" || code === "SlowDown";
  return { code, retryAfterSeconds: throttle ? (wait ?? null) : null };
}
