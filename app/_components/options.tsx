import type { PipelineWithStages } from "@/lib/org/queries";

/** The <option>s the forms share: people, pipelines, and stages grouped by pipeline. */
export function UserOptions({ users }: { users: { id: number; name: string; active?: boolean }[] }) {
  return (
    <>
      {users
        .filter((u) => u.active !== false)
        .map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
    </>
  );
}

export function PipelineOptions({ pipelines }: { pipelines: PipelineWithStages[] }) {
  return (
    <>
      {pipelines.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </>
  );
}

/** Stages in an <optgroup> per pipeline; `qualified` repeats the pipeline's name in each option. */
export function StageOptions({ pipelines, qualified = false }: { pipelines: PipelineWithStages[]; qualified?: boolean }) {
  return (
    <>
      {pipelines.map((p) => (
        <optgroup key={p.id} label={p.name}>
          {p.stages.map((s) => (
            <option key={s.id} value={s.id}>
              {qualified ? `${p.name} · ${s.name}` : s.name}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
