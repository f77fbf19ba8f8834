import path from "node:path";

/**
 * The demo accounts the setup project (sign-in.setup.ts) signs in once per run, and the person each
 * is, as the navigation names them. Tests open these sessions instead of going through the form.
 * Signing out ends every session of an account (its session version moves on), so a test that signs
 * out must use an account that is not here.
 */
export const SAVED_SESSIONS: Readonly<Record<string, string>> = {
  "admin@example.com": "Nguyễn Văn An",
  "duc.pham@example.com": "Phạm Minh Đức",
  "lan.dang@example.com": "Đặng Thu Lan",
  "huy.vu@example.com": "Vũ Quốc Huy",
  "cuong.le@example.com": "Lê Hoàng Cường",
  "khoa.ngo@example.com": "Ngô Minh Khoa",
};

/** Where an account's signed-in browser state is saved (under test-results/, which each run empties). */
export function sessionOf(email: string): string {
  if (!(email in SAVED_SESSIONS)) throw new Error(`${email} has no saved session: add it to SAVED_SESSIONS in tests/e2e/sessions.ts`);
  return path.join(__dirname, "..", "..", "test-results", ".sessions", `${email}.json`);
}

/** A browser that nobody signed in to, for the tests of signing in. */
export const SIGNED_OUT = { cookies: [], origins: [] };
