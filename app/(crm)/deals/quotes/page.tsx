import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import { DocumentListPage } from "@/app/_components/documents/document-list-page";

export const generateMetadata = titled("titles.quotes");

export default async function QuotesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <DocumentListPage kind="quote" searchParams={await searchParams} />;
}
