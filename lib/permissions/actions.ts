"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { idField, idListField, optionalIdField } from "@/lib/ids";
import { ActionError } from "@/lib/actions/errors";
import type { Translate } from "@/lib/i18n/translate";
import { getPipelines } from "@/lib/org/queries";
import { createDepartment, createRole, deleteDepartment, deleteRole, renameRole, saveRoleRules, setRoleAssignments, updateDepartment } from "./admin";
import { clientRightField, parseRulesForm } from "./rules-form";

const PAGE = "/settings/permissions";
const id = idField();
const optionalId = optionalIdField();
// Repeated ones count once.
const ids = idListField(10_000);
const name = (t: Translate) => z.string().trim().min(1, t("errors.required")).max(100, t("errors.tooLong", { max: 100 }));

export const saveRoleRulesAction = defineAction({
  schema: () => z.object({ roleId: id }).catchall(z.union([z.string(), z.array(z.string())])),
  async run({ roleId, ...values }, { db, viewer }) {
    const pipelines = await getPipelines(db, viewer.orgId);
    const parsed = parseRulesForm(values, pipelines);
    if (!parsed.ok) throw new ActionError("invalid", "errors.invalid", undefined, { [parsed.field]: "errors.unknownOption" });
    await saveRoleRules(db, viewer, roleId, parsed.rules, { add: values[clientRightField.add] === "on", details: values[clientRightField.details] === "on" });
    return { message: "permissions.rulesSaved", revalidate: [PAGE] };
  },
});

export const createRoleAction = defineAction({
  schema: ({ t }) => z.object({ name: name(t), cloneFromId: optionalId }),
  async run(input, { db, viewer }) {
    const roleId = await createRole(db, viewer, input.name, input.cloneFromId);
    return { redirectTo: `${PAGE}?role=${roleId}&notice=roleCreated`, revalidate: [PAGE] };
  },
});

export const renameRoleAction = defineAction({
  schema: ({ t }) => z.object({ roleId: id, name: name(t) }),
  async run(input, { db, viewer }) {
    await renameRole(db, viewer, input.roleId, input.name);
    return { message: "permissions.roleRenamed", revalidate: [PAGE] };
  },
});

export const deleteRoleAction = defineAction({
  schema: () => z.object({ roleId: id }),
  async run(input, { db, viewer }) {
    await deleteRole(db, viewer, input.roleId);
    return { redirectTo: `${PAGE}?notice=roleDeleted`, revalidate: [PAGE] };
  },
});

export const saveAssignmentsAction = defineAction({
  schema: () => z.object({ roleId: id, "users[]": ids, "departments[]": ids, "sub[]": ids }),
  async run(input, { db, viewer }) {
    const departments = input["departments[]"].map((departmentId) => ({ id: departmentId, withSubdepartments: input["sub[]"].includes(departmentId) }));
    await setRoleAssignments(db, viewer, input.roleId, input["users[]"], departments);
    return { message: "permissions.assignmentsSaved", revalidate: [PAGE] };
  },
});

const departmentFields = (t: Translate) => ({ name: name(t), parentId: optionalId, headUserId: optionalId });

export const createDepartmentAction = defineAction({
  schema: ({ t }) => z.object(departmentFields(t)),
  async run(input, { db, viewer }) {
    await createDepartment(db, viewer, input);
    return { redirectTo: `${PAGE}/departments?notice=departmentCreated`, revalidate: [`${PAGE}/departments`] };
  },
});

export const updateDepartmentAction = defineAction({
  schema: ({ t }) => z.object({ id, ...departmentFields(t) }),
  async run({ id: departmentId, ...input }, { db, viewer }) {
    await updateDepartment(db, viewer, departmentId, input);
    return { message: "permissions.departmentSaved", revalidate: [`${PAGE}/departments`] };
  },
});

export const deleteDepartmentAction = defineAction({
  schema: () => z.object({ id }),
  async run(input, { db, viewer }) {
    await deleteDepartment(db, viewer, input.id);
    return { redirectTo: `${PAGE}/departments?notice=departmentDeleted`, revalidate: [`${PAGE}/departments`] };
  },
});
