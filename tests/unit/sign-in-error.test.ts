import { describe, expect, it } from "vitest";
import { decodeSignInError, encodeRefusal } from "@/lib/auth/sign-in-error";
import { formatWait } from "@/lib/i18n/format";

describe("sign-in error codes", () => {
  it("carry a throttled attempt's wait to the sign-in page and back", () => {
    expect(decodeSignInError(encodeRefusal("SlowDown", 29.2))).toEqual({ code: "SlowDown", retryAfterSeconds: 30 });
    expect(decodeSignInError(encodeRefusal("TooManyFromAddress", 0))).toEqual({ code: "TooManyFromAddress", retryAfterSeconds: 1 });
    expect(decodeSignInError("TooManyAttempts")).toEqual({ code: "TooManyAttempts", retryAfterSeconds: null });
    expect(decodeSignInError("CredentialsSignin")).toEqual({ code: "CredentialsSignin", retryAfterSeconds: null });
  });

  it("turn anything typed into the address into the generic message or a bounded wait", () => {
    expect(decodeSignInError("<script>")).toEqual({ code: "Default", retryAfterSeconds: null });
    expect(decodeSignInError("CredentialsSignin.50")).toEqual({ code: "CredentialsSignin", retryAfterSeconds: null });
    expect(decodeSignInError("SlowDown.999999")).toEqual({ code: "SlowDown", retryAfterSeconds: 86_400 });
    expect(decodeSignInError("SlowDown.-5")).toEqual({ code: "SlowDown", retryAfterSeconds: null });
    expect(decodeSignInError("SlowDown.1.2")).toEqual({ code: "SlowDown", retryAfterSeconds: null });
  });
});

describe("formatWait", () => {
  it("says seconds under two minutes, whole minutes above, in both languages", () => {
    expect(formatWait(1, "en")).toBe("1 second");
    expect(formatWait(42, "en")).toBe("42 seconds");
    expect(formatWait(119.5, "en")).toBe("120 seconds");
    expect(formatWait(121, "en")).toBe("3 minutes");
    expect(formatWait(900, "vi")).toBe("15 phút");
    expect(formatWait(30, "vi")).toBe("30 giây");
  });
});
