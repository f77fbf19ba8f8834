/** A person's initials in a circle (the last two words of the name: "Nguyễn Văn An" → "VA"). */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(-2)
    .map((part) => part[0])
    .join("")
    .toUpperCase();
}

export function Avatar({ name, small = false, decorative = false }: { name: string; small?: boolean; decorative?: boolean }) {
  return (
    <span className={small ? "avatar small" : "avatar"} title={name} aria-hidden={decorative || undefined}>
      {initials(name)}
    </span>
  );
}
