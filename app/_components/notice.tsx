import type { Translate } from "@/lib/i18n/translate";

const notices = {
  created: "deals.created",
  saved: "deals.saved",
  deleted: "deals.deleted",
  roleCreated: "permissions.roleCreated",
  roleDeleted: "permissions.roleDeleted",
  departmentCreated: "permissions.departmentCreated",
  departmentDeleted: "permissions.departmentDeleted",
  stageDeleted: "stages.deleted",
  activityAdded: "activities.added",
  activitySaved: "activities.saved",
  activityDeleted: "activities.deleted",
  activitiesCompleted: "activities.allCompleted",
  commentAdded: "activities.commentAdded",
  fieldCreated: "fields.created",
  fieldSaved: "fields.saved",
  fieldDeleted: "fields.deleted",
  productCreated: "products.created",
  productSaved: "products.saved",
  sectionCreated: "products.sections.created",
  sectionSaved: "products.sections.saved",
  sectionDeleted: "products.sections.deleted",
  productsSaved: "products.rowsSaved",
  layoutSaved: "layouts.saved",
  layoutReset: "layouts.resetDone",
  layoutApplied: "layouts.applied",
  robotCreated: "automation.created",
  robotSaved: "automation.saved",
  robotCopied: "automation.copied",
  robotDeleted: "automation.deleted",
  documentCreated: "documents.createdNotice",
  documentSaved: "documents.saved",
  documentStatus: "documents.statusChanged",
  documentDeleted: "documents.deletedNotice",
  paymentRecorded: "documents.paymentRecorded",
  rowsRefreshed: "documents.rowsRefreshed",
  documentSent: "documents.send.queued",
  linkRevoked: "documents.public.revoked",
  statusSaved: "documents.statusSettings.saved",
  planSaved: "analytics.plans.saved",
  pipelineCreated: "pipelines.created",
  pipelineSaved: "pipelines.saved",
  pipelineDeleted: "pipelines.deleted",
  planDeleted: "analytics.plans.deleted",
  statusDeleted: "documents.statusSettings.deleted",
  numberingSaved: "documents.numbering.saved",
  companySaved: "documents.companies.saved",
  companyDeleted: "documents.companies.deleted",
} as const;

/** The message after a redirect (?notice=saved); unknown values show nothing. */
export function Notice({ value, t }: { value: unknown; t: Translate }) {
  if (typeof value !== "string" || !Object.hasOwn(notices, value)) return null;
  return (
    <p className="alert success" role="status">
      {t(notices[value as keyof typeof notices])}
    </p>
  );
}
