import { describe, expect, it } from "vitest";
import { isEmailAddress, isMailbox } from "@/lib/messaging/email-address";
import { htmlToText } from "@/lib/messaging/html-text";
import { messageIdFor } from "@/lib/messaging/message-id";

describe("e-mail addresses", () => {
  it("accepts plain addresses, refuses what a form should not send to", () => {
    for (const ok of ["an@example.vn", "an.nguyen+crm@mail.cong-ty.com.vn", "A_B@EXAMPLE.COM"]) expect(isEmailAddress(ok), ok).toBe(true);
    for (const bad of ["", "an", "an@", "@example.vn", "an@example", "an @example.vn", "an@example..vn", "a<b>@example.vn", "an@example.vn, other@example.vn", "an@example.v"]) expect(isEmailAddress(bad), bad).toBe(false);
  });

  it("accepts a sender with a name, never one with a line break (header injection)", () => {
    expect(isMailbox("Công ty Sao Mai <sales@saomai.vn>")).toBe(true);
    expect(isMailbox("sales@saomai.vn")).toBe(true);
    expect(isMailbox("Sao Mai <sales@saomai.vn>\r\nBcc: x@evil.test")).toBe(false);
    expect(isMailbox("Sao Mai <not-an-address>")).toBe(false);
  });
});

describe("HTML e-mails as text", () => {
  it("keeps the words and line breaks, drops tags, scripts and styles, decodes entities once", () => {
    const html = "<html><head><title>x</title><style>p{color:red}</style></head><body><p>Chào <b>anh An</b>,</p><p>Đơn&nbsp;hàng &amp; hóa đơn:<br>&lt;số 12&gt; &#273;&#x1EA7;y đủ</p><ul><li>Một</li><li>Hai</li></ul><script>alert(1)</script>&amp;lt;</body></html>";
    expect(htmlToText(html)).toBe("Chào anh An,\nĐơn hàng & hóa đơn:\n<số 12> đầy đủ\n• Một\n• Hai\n&lt;");
  });
});

describe("Message-ID", () => {
  it("is the same for the same message and different for different keys", () => {
    expect(messageIdFor(3, "run:12")).toBe("<msg-3-run=3A12@crm>");
    expect(messageIdFor(3, "run:12")).toBe(messageIdFor(3, "run:12"));
    expect(messageIdFor(3, "run-3A12")).not.toBe(messageIdFor(3, "run:12"));
    expect(messageIdFor(4, "run:12")).not.toBe(messageIdFor(3, "run:12"));
    expect(messageIdFor(1, "đơn hàng")).toMatch(/^<msg-1-[A-Za-z0-9_=-]+@crm>$/);
  });
});
