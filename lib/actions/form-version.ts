/**
 * A short fingerprint of the saved values an edit form was filled from, for ActionForm's
 * `version`: it changes when the record changes (a save that normalised the input, someone else's
 * save), so the form is filled again from the record, and stays the same otherwise (a refused save
 * changes nothing, so the user's input stays on screen). Not a security measure: two different
 * records' values could collide, which only means a form is not refilled.
 */
export function formVersion(values: unknown): string {
  const text = JSON.stringify(values, (_key, value: unknown) => (value instanceof Map || value instanceof Set ? [...value] : value)) ?? "";
  // cyrb53: two 32-bit multiplicative hashes combined into 53 bits.
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
