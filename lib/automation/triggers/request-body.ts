/**
 * A request's body, read up to `maxBytes`: "tooLarge" as soon as it declares or sends more, so a
 * huge upload is never buffered. Bodies of other sites' systems are untrusted by size too.
 */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<Buffer | "tooLarge"> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) return "tooLarge";
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return "tooLarge";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The media type of a Content-Type header, lower-cased, without its parameters. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}
