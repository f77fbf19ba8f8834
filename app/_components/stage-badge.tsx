/** A stage name on its own colour, as on the reference's board. */
export function StageBadge({ name, color }: { name: string; color: string }) {
  return (
    <span className="stage-badge" style={{ "--stage": color } as React.CSSProperties}>
      {name}
    </span>
  );
}
