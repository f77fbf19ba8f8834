/**
 * How an SMS travels: GSM-7 when every character is in the GSM 03.38 alphabet (160 per message,
 * 153 per part of a long one; characters of the extension table take two), otherwise UCS-2
 * (70 per message, 67 per part, counted in UTF-16 units). Vietnamese with its diacritics
 * (ă, ơ, ư, đ, ạ…) is UCS-2; "à", "é", "ò" alone are in the GSM alphabet.
 */
export type SmsEncoding = "GSM-7" | "UCS-2";

const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
const GSM_EXTENSION = new Set("\f^{}\\[~]|€");

const LIMITS = { "GSM-7": { single: 160, part: 153 }, "UCS-2": { single: 70, part: 67 } } as const;

export function smsEncoding(text: string): SmsEncoding {
  for (const char of text) if (!GSM_BASIC.has(char) && !GSM_EXTENSION.has(char)) return "UCS-2";
  return "GSM-7";
}

/**
 * The encoding and the number of messages the text is sent as. Long messages are packed part by
 * part without splitting what must stay together (an extension character's escape and its code,
 * a UTF-16 surrogate pair), as phones and gateways do.
 */
export function smsSegments(text: string): { encoding: SmsEncoding; segments: number; units: number } {
  const encoding = smsEncoding(text);
  const sizes = [...text].map((char) => (encoding === "GSM-7" ? (GSM_EXTENSION.has(char) ? 2 : 1) : char.length));
  const units = sizes.reduce((a, b) => a + b, 0);
  const { single, part } = LIMITS[encoding];
  if (units === 0) return { encoding, segments: 0, units };
  if (units <= single) return { encoding, segments: 1, units };
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > part) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return { encoding, segments, units };
}
