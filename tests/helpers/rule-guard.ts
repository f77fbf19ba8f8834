import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * The guard of the permission rule, read from the source: every top-level function (or const
 * holding one) in lib/ and app/ that queries a table holding deals or what surrounds them must
 * apply the rule itself, or be listed with the reason it need not (tests/unit/rule-guard.test.ts).
 */

/** Tables of deals and what surrounds them, by their drizzle names and SQL names. */
export const GUARDED_TABLES = ["deals", "activities", "storedFiles", "dealEvents", "dealProducts", "dealContacts", "dealObservers", "stageHistory", "notifications", "dealStageTotals", "automationRuns", "messages", "documents", "documentRows", "documentPayments", "dealStageReach", "dealReachTotals"];
const SQL_NAMES = ["deals", "activities", "stored_files", "deal_events", "deal_products", "deal_contacts", "deal_observers", "stage_history", "notifications", "deal_stage_totals", "automation_runs", "messages", "documents", "document_rows", "document_payments"];

/** Calls that apply the rule (or refuse everyone but administrators, or check a deal and lock it). */
export const RULE_CALLS = ["dealScope", "can", "matrixScope", "lockDeal", "lockDealForUpdate", "currentInput", "readableFile", "readersAmong", "requireSetUp", "maySetUp", "getDealCard", "documentScope", "lockDocumentForUpdate", "pipelineMatrixScope"];

const queryOfTable = new RegExp(
  [
    String.raw`\.(from|update|insert|delete|innerJoin|leftJoin)\(\s*(${GUARDED_TABLES.join("|")})\b`,
    String.raw`\$\{(${GUARDED_TABLES.join("|")})\}`,
    String.raw`\b(from|join|into|update)\s+(${SQL_NAMES.join("|")})\b`,
  ].join("|"),
);
const callOf = (names: Iterable<string>) => new RegExp(String.raw`\b(${[...names].join("|")})\(`);

export type Finding = { file: string; name: string };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

type TopLevel = { name: string; text: string; exported: boolean };

const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The top-level functions (and consts) of a file with their source text. */
function topLevel(file: string): TopLevel[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: TopLevel[] = [];
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) found.push({ name: statement.name.text, text: statement.getText(source), exported: isExported(statement) });
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer) found.push({ name: declaration.name.text, text: declaration.initializer.getText(source), exported: isExported(statement) });
      }
    }
    if (ts.isExportAssignment(statement)) found.push({ name: "default", text: statement.getText(source), exported: true });
  }
  return found;
}

/** Names whose property holds, directly or through a same-file function it calls. */
function closure(items: TopLevel[], direct: (item: TopLevel) => boolean): Set<string> {
  const holding = new Set(items.filter(direct).map((i) => i.name));
  for (let grew = true; grew; ) {
    grew = false;
    for (const item of items) {
      if (holding.has(item.name)) continue;
      if ([...holding].some((name) => new RegExp(String.raw`\b${name}\b`).test(item.text))) {
        holding.add(item.name);
        grew = true;
      }
    }
  }
  return holding;
}

/**
 * What a file offers others (its exports, and a page's or route's default) that queries a
 * guarded table without applying the rule: itself, through the file's own helpers, or through
 * another module's export that applies it (found by name, across files, until nothing changes).
 */
export function unguardedQueries(root: string): Finding[] {
  const files = ["lib", "app"]
    .flatMap((dir) => sourceFiles(path.join(root, dir)))
    .filter((file) => !file.includes(`${path.sep}i18n${path.sep}messages`))
    .map((file) => ({ file, items: topLevel(file) }));
  const ruleNames = new Set(RULE_CALLS);
  let applying = new Map<string, Set<string>>();
  for (let size = -1; size !== ruleNames.size; ) {
    size = ruleNames.size;
    const call = callOf(ruleNames);
    applying = new Map(files.map(({ file, items }) => [file, closure(items, (i) => call.test(i.text))]));
    for (const { file, items } of files) for (const item of items) if (item.exported && applying.get(file)!.has(item.name)) ruleNames.add(item.name);
  }
  const findings: Finding[] = [];
  for (const { file, items } of files) {
    const queries = closure(items, (i) => queryOfTable.test(i.text));
    for (const item of items) if (item.exported && queries.has(item.name) && !applying.get(file)!.has(item.name)) findings.push({ file: path.relative(root, file), name: item.name });
  }
  return findings;
}
