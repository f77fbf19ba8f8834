import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { documents, myCompanies, type BankAccount } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { TEXT_MAX, TITLE_MAX } from "@/lib/deals/vocabulary";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { requireSetUp, type Viewer } from "@/lib/permissions";
import { checkTaxCode } from "./tax-code";

export type MyCompany = typeof myCompanies.$inferSelect;

/** The org's own companies as a document's seller choices, the default first. */
export async function myCompanyOptions(db: Db, viewer: Viewer): Promise<{ value: string; label: string }[]> {
  return (await getMyCompanies(db, viewer.orgId)).map((r) => ({ value: String(r.id), label: r.legalName }));
}

/** Settings → Company details: the default first, then by creation. */
export async function getMyCompanies(db: Db, orgId: number): Promise<Omit<MyCompany, "logo" | "stamp">[]> {
  const { logo: _logo, stamp: _stamp, ...columns } = myCompanies;
  void [_logo, _stamp];
  return db
    .select({ orgId: columns.orgId, id: columns.id, legalName: columns.legalName, taxCode: columns.taxCode, address: columns.address, phone: columns.phone, email: columns.email, director: columns.director, accountant: columns.accountant, bankAccounts: columns.bankAccounts, logoType: columns.logoType, stampType: columns.stampType, isDefault: columns.isDefault, createdAt: columns.createdAt })
    .from(myCompanies)
    .where(eq(myCompanies.orgId, orgId))
    .orderBy(sql`${myCompanies.isDefault} desc`, asc(myCompanies.id));
}

const IMAGE_MAX = 1024 * 1024;

/** A logo or stamp: PNG or JPEG by its first bytes (not by what the browser says), at most 1 MB. */
export function readImage(bytes: Buffer): { ok: true; type: "image/png" | "image/jpeg" } | { ok: false; reason: "type" | "size" } {
  if (bytes.length > IMAGE_MAX) return { ok: false, reason: "size" };
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { ok: true, type: "image/png" };
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { ok: true, type: "image/jpeg" };
  return { ok: false, reason: "type" };
}

/** "Bank | account | holder" per line. */
export function parseBankAccounts(text: string): BankAccount[] | null {
  const accounts: BankAccount[] = [];
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const [bank = "", account = "", holder = ""] = line.split("|").map((p) => p.trim());
    if (!bank || !account) return null;
    accounts.push(holder ? { bank, account, holder } : { bank, account });
  }
  return accounts;
}

export const bankAccountsText = (accounts: BankAccount[]) => accounts.map((a) => [a.bank, a.account, a.holder].filter(Boolean).join(" | ")).join("\n");

export function myCompanySchema({ t }: { t: Translate; locale: Locale }) {
  const text = (max: number) => z.string().optional().default("").transform((v) => v.trim()).refine((v) => v.length <= max, t("errors.tooLong", { max }));
  return z.object({
    id: z.string().optional(),
    legalName: text(TITLE_MAX).refine((v) => v.length > 0, t("errors.required")),
    taxCode: text(20).transform((v, context) => {
      if (!v) return null;
      const check = checkTaxCode(v);
      if (!check.ok) {
        context.addIssue({ code: "custom", message: t(check.reason === "format" ? "documents.errors.taxCodeFormat" : "documents.errors.taxCodeChecksum") });
        return z.NEVER;
      }
      return check.value;
    }),
    address: text(TEXT_MAX),
    phone: text(40),
    email: text(TITLE_MAX).refine((v) => v === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), t("documents.errors.email")),
    director: text(TITLE_MAX),
    accountant: text(TITLE_MAX),
    bankAccounts: text(TEXT_MAX).transform((v, context) => {
      const parsed = parseBankAccounts(v);
      if (!parsed) {
        context.addIssue({ code: "custom", message: t("documents.errors.bankAccounts") });
        return z.NEVER;
      }
      return parsed;
    }),
    isDefault: z.string().optional().transform((v) => v === "on"),
  });
}

export type MyCompanyInput = Omit<z.infer<ReturnType<typeof myCompanySchema>>, "id">;
export type CompanyImages = { logo?: { bytes: Buffer; type: string }; stamp?: { bytes: Buffer; type: string } };

/** Creates or changes one of the org's companies (administrators); the first one, or one marked so, is the default. */
export async function saveMyCompany(db: Db, viewer: Viewer, id: number | null, input: MyCompanyInput, images: CompanyImages): Promise<number> {
  requireSetUp(viewer);
  const imageColumns = {
    ...(images.logo ? { logo: images.logo.bytes, logoType: images.logo.type } : {}),
    ...(images.stamp ? { stamp: images.stamp.bytes, stampType: images.stamp.type } : {}),
  };
  let savedId: number;
  if (id === null) {
    const [{ count }] = (await db.select({ count: sql<number>`count(*)::int` }).from(myCompanies).where(eq(myCompanies.orgId, viewer.orgId))) as [{ count: number }];
    const [row] = await db.insert(myCompanies).values({ orgId: viewer.orgId, ...input, ...imageColumns, isDefault: input.isDefault || count === 0 }).returning({ id: myCompanies.id });
    savedId = row!.id;
  } else {
    const [row] = await db.update(myCompanies).set({ ...input, ...imageColumns }).where(and(eq(myCompanies.orgId, viewer.orgId), eq(myCompanies.id, id))).returning({ id: myCompanies.id, isDefault: myCompanies.isDefault });
    if (!row) throw new ActionError("notFound", "errors.notFound");
    savedId = row.id;
  }
  if (input.isDefault) await db.update(myCompanies).set({ isDefault: false }).where(and(eq(myCompanies.orgId, viewer.orgId), ne(myCompanies.id, savedId)));
  return savedId;
}

/** Removes a company no document names (those keep their seller). */
export async function deleteMyCompany(db: Db, viewer: Viewer, id: number): Promise<void> {
  requireSetUp(viewer);
  const [used] = await db.select({ id: documents.id }).from(documents).where(and(eq(documents.orgId, viewer.orgId), eq(documents.sellerId, id))).limit(1);
  if (used) throw new ActionError("invalid", "documents.errors.companyInUse");
  const [row] = await db.delete(myCompanies).where(and(eq(myCompanies.orgId, viewer.orgId), eq(myCompanies.id, id))).returning({ isDefault: myCompanies.isDefault });
  if (!row) throw new ActionError("notFound", "errors.notFound");
}
