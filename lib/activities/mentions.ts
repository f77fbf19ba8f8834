import { searchable } from "@/lib/search/normalize";

/**
 * The users a comment mentions: "@" followed by a user's full name, compared without case or
 * diacritics ("@nguyen van an" mentions Nguyễn Văn An). Longer names win, so "@An" does not
 * steal "@An Nguyen"; a name must end at a word boundary.
 */
export function findMentions(body: string, people: { id: number; name: string }[]): number[] {
  const text = searchable(body);
  const byLength = [...people].sort((a, b) => b.name.length - a.name.length);
  const found = new Set<number>();
  const taken: [number, number][] = [];
  for (const person of byLength) {
    const needle = `@${searchable(person.name)}`;
    if (needle.length < 2) continue;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      const boundary = end === text.length || !/[\p{L}\p{N}]/u.test(text[end]!);
      const overlaps = taken.some(([s, e]) => at < e && end > s);
      if (boundary && !overlaps) {
        found.add(person.id);
        taken.push([at, end]);
      }
    }
  }
  return [...found];
}

/** Does a name match what is typed after "@": a word of it, and the words after, start with it (no case, no diacritics)? */
export function matchesMention(name: string, typed: string): boolean {
  const query = searchable(typed);
  return searchable(name)
    .split(" ")
    .some((_, i, words) => words.slice(i).join(" ").startsWith(query));
}
