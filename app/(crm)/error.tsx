"use client";

import { useEffect } from "react";

/** Shown when a page fails to render; the details go to the server log, never to the user. */
export default function CrmError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => console.error(error), [error]);
  const vi = typeof document !== "undefined" && document.documentElement.lang === "vi";
  return (
    <div className="alert error" role="alert">
      <h1>{vi ? "Đã xảy ra lỗi" : "Something went wrong"}</h1>
      <p>{vi ? "Lỗi đã được ghi lại. Hãy thử lại hoặc tải lại trang." : "The error was logged. Try again, or reload the page."}</p>
      <button type="button" className="button" onClick={reset}>
        {vi ? "Thử lại" : "Try again"}
      </button>
    </div>
  );
}
