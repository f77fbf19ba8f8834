import { addDays } from "@/lib/i18n/format";
import { amountForInput } from "@/lib/money/money";
import { DEFAULT_CLOSE_AFTER_DAYS } from "./vocabulary";

type Values = Record<string, string | string[]>;
const text = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

/** The new-deal form, pre-filled with the reference's defaults. */
export function newDealValues(opts: { stageId?: number; currency: string; viewerId: number; today: string }): Values {
  return {
    title: "",
    stageId: text(opts.stageId),
    amount: "",
    currency: opts.currency,
    assignedById: String(opts.viewerId),
    companyId: "",
    contactIds: [],
    beginDate: opts.today,
    closeDate: addDays(opts.today, DEFAULT_CLOSE_AFTER_DAYS),
    probability: "",
    opened: "on",
    sourceId: "",
    typeId: "",
    sourceDescription: "",
    comments: "",
  };
}

type DealRow = {
  id: number;
  version: number;
  title: string;
  stageId: number;
  amount: string | null;
  currency: string;
  assignedById: number;
  companyId: number | null;
  beginDate: string;
  closeDate: string;
  probability: number | null;
  opened: boolean;
  sourceId: string | null;
  typeId: string | null;
  sourceDescription: string | null;
  comments: string | null;
};

/** The edit form, filled from the deal, amounts in the user's decimal separator. */
export function editDealValues(deal: DealRow, contactIds: number[], decimalSeparator: "." | ","): Values {
  return {
    id: String(deal.id),
    version: String(deal.version),
    title: deal.title,
    stageId: String(deal.stageId),
    ...(deal.amount === null ? {} : { amount: amountForInput(deal.amount, decimalSeparator) }),
    currency: deal.currency,
    assignedById: String(deal.assignedById),
    companyId: text(deal.companyId),
    contactIds: contactIds.map(String),
    beginDate: deal.beginDate,
    closeDate: deal.closeDate,
    probability: text(deal.probability),
    opened: deal.opened ? "on" : "",
    sourceId: text(deal.sourceId),
    typeId: text(deal.typeId),
    sourceDescription: text(deal.sourceDescription),
    comments: text(deal.comments),
  };
}
