import type { Translate } from "@/lib/i18n/translate";

type Assignment = { userId: number | null; departmentId: number | null; withSubdepartments: boolean };

/** Checkboxes for the users and departments (optionally with sub-departments) that have a role. */
export function AssignmentFields({
  users,
  departments,
  assignments,
  t,
}: {
  users: { id: number; name: string; departmentName: string | null }[];
  departments: { id: number; name: string; depth: number }[];
  assignments: Assignment[];
  t: Translate;
}) {
  const byDepartment = new Map(assignments.filter((a) => a.departmentId).map((a) => [a.departmentId!, a]));
  const userIds = new Set(assignments.map((a) => a.userId).filter(Boolean));
  return (
    <div className="assignments">
      <fieldset>
        <legend>{t("permissions.departments")}</legend>
        {departments.map((d) => (
          <div key={d.id} className="assignment-row" style={{ paddingLeft: `${d.depth * 1.25}rem` }}>
            <label>
              <input type="checkbox" name="departments[]" value={d.id} defaultChecked={byDepartment.has(d.id)} /> {d.name}
            </label>{" "}
            <label className="muted">
              <input type="checkbox" name="sub[]" value={d.id} defaultChecked={byDepartment.get(d.id)?.withSubdepartments ?? false} /> {t("permissions.withSub")}
            </label>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("permissions.users")}</legend>
        {users.map((u) => (
          <div key={u.id} className="assignment-row">
            <label>
              <input type="checkbox" name="users[]" value={u.id} defaultChecked={userIds.has(u.id)} /> {u.name}
              {u.departmentName && <span className="muted"> · {u.departmentName}</span>}
            </label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}
