/**
 * Phone numbers as E.164 ("+84912345678"), read the way Vietnamese people write them:
 * "0912 345 678", "0912.345.678", "84912345678", "+84 912-345-678", "0084 912 345 678".
 * Separators (spaces, dots, dashes, brackets) are dropped; anything else that is not a digit
 * makes the number invalid (null), as does a Vietnamese number of the wrong shape.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s.\-()\u00a0]/g, "");
  if (!/^\+?\d+$/.test(compact)) return null;
  let international: string;
  if (compact.startsWith("+")) international = compact.slice(1);
  else if (compact.startsWith("00")) international = compact.slice(2);
  else if (compact.startsWith("0")) international = `84${compact.slice(1)}`;
  else if (compact.startsWith("84")) international = compact;
  else return null;
  if (international.startsWith("84")) return isVietnameseNumber(international.slice(2)) ? `+${international}` : null;
  // Elsewhere: E.164's shape only (a country code never starts with 0; 15 digits at most).
  return /^[1-9]\d{7,14}$/.test(international) ? `+${international}` : null;
}

/**
 * A Vietnamese number after the country code: mobiles are 9 digits from 3, 5, 7, 8 or 9
 * (since the 2018 renumbering), landlines 10 digits from 2 (area code included).
 */
function isVietnameseNumber(national: string): boolean {
  return /^[35789]\d{8}$/.test(national) || /^2\d{9}$/.test(national);
}
