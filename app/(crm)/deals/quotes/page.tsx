import type { Metadata } from "next";
import { DocumentListPage } from "@/app/_components/documents/document-list-page";

export const metadata: Metadata = { title: "Quotes" };

export default async function QuotesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <DocumentListPage kind="quote" searchParams={await searchParams} />;
}
