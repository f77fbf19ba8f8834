import { defineRoute } from "@/lib/http/route";
import { subscribeDealChanges } from "@/lib/live/hub";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 20_000;

/**
 * Live updates of the board as server-sent events: which stages of the viewer's org changed.
 * Only stage ids leave the server; the board then re-reads its columns through the permission rule.
 */
export const GET = defineRoute({ handle: async (_input, { viewer, request }) => eventStream(viewer.orgId, request.signal) });

function eventStream(orgId: number, signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  let cleanup = () => undefined as void;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = subscribeDealChanges((change) => {
        if (change.orgId === orgId) send(`data: ${JSON.stringify({ s: change.stageIds })}\n\n`);
      });
      const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      send("retry: 2000\n: connected\n\n");
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
  });
}
