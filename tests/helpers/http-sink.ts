import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type SinkRequest = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

/**
 * An HTTP server on loopback (127.0.0.1 only) that records every request and answers with the
 * next scripted status (then 200): an SMS gateway or a webhook target in tests. A `null` status
 * never answers (a gateway that hangs).
 */
export async function startHttpSink() {
  const requests: SinkRequest[] = [];
  const script: (number | null)[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const status = script.length ? script.shift()! : 200;
      if (status === null) return;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(status < 300 ? { id: `sms-${requests.length}` } : { error: `gateway says ${status}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    requests,
    /** The statuses of the next answers, in order. */
    answer: (...statuses: (number | null)[]) => script.push(...statuses),
    url: `http://127.0.0.1:${port}/sms`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
