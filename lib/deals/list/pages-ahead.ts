/**
 * Reads keyset pages one after another, each next page requested from the database as soon as the
 * current one arrives, so it is read while the current one is formatted and sent. An export then
 * takes about the database's time rather than the database's time plus ours.
 * Returns a function giving the next page, or null after the last.
 */
export function pagesAhead<T extends { next: string | null }>(read: (after: string | null) => Promise<T>): () => Promise<T | null> {
  let pending: Promise<T> | null = quiet(read(null));
  return async () => {
    if (!pending) return null;
    const page = await pending;
    pending = page.next ? quiet(read(page.next)) : null;
    return page;
  };
}

/** A read whose failure is reported when the page is asked for, not as an unhandled rejection if it never is. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
