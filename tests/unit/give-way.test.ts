import { createServer, request, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { giveWay, givingWay, INTERACTIVE_MS, SHARE, trackRequests, WINDOW_MS } from "@/lib/jobs/give-way";

// A real HTTP server on loopback whose handler keeps each response open until the test ends it.
let server: Server;
let port: number;
let untrack: () => void;
const open: ServerResponse[] = [];
beforeAll(async () => {
  untrack = trackRequests();
  server = createServer((_req, res) => void open.push(res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  untrack();
  await new Promise((resolve) => server.close(resolve));
});

/** Sends a request; resolves once the server holds it, with a promise of its whole answer. */
async function held(): Promise<{ res: ServerResponse; answered: Promise<void> }> {
  const before = open.length;
  const answered = new Promise<void>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, agent: false }, (res) => {
      res.resume();
      res.on("end", resolve);
    });
    req.on("error", reject);
    req.end();
  });
  await expect.poll(() => open.length).toBe(before + 1);
  return { res: open[before]!, answered };
}

const settled = (promise: Promise<unknown>) => Promise.race([promise.then(() => "settled"), new Promise((r) => setImmediate(() => r("pending")))]);

describe("the worker giving way to requests", () => {
  it("goes on at once while the server answers nothing", () => {
    expect(giveWay()).toBeNull();
  });

  it("holds a statement back while a request is answered, and sends it when the answer is out", async () => {
    const { res, answered } = await held();
    const sent: string[] = [];
    const query = givingWay((text) => {
      sent.push(String(text));
      return Promise.resolve({ rows: [] });
    });
    const result = query("select 1") as Promise<unknown>;
    expect(await settled(result)).toBe("pending");
    expect(sent).toEqual([]);
    res.end("done");
    await answered;
    expect(await settled(result)).toBe("settled");
    expect(sent).toEqual(["select 1"]);
  });

  it("keeps pg's callback form (the pool's own query calls the client that way)", async () => {
    const { res, answered } = await held();
    const calls: unknown[][] = [];
    const query = givingWay((...args) => void calls.push(args));
    const callback = () => undefined;
    expect(query("select 2", [], callback)).toBeUndefined();
    res.end();
    await answered;
    await expect.poll(() => calls.length).toBe(1);
    expect(calls[0]).toEqual(["select 2", [], callback]);
  });

  it("does not wait on a request older than a click (a live-update stream, a long export)", async () => {
    const { res, answered } = await held();
    expect(giveWay()).not.toBeNull();
    expect(giveWay(performance.now() + INTERACTIVE_MS + 10)).toBeNull();
    res.end();
    await answered;
  });

  it("never waits more than its share of the time, however busy the server stays", async () => {
    const { res, answered } = await held();
    const started = performance.now();
    let waited = 0;
    let worked = 0;
    while (performance.now() - started < 2 * WINDOW_MS) {
      const wait = giveWay();
      if (wait) {
        const before = performance.now();
        await wait;
        waited += performance.now() - before;
      } else {
        worked++;
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    const elapsed = performance.now() - started;
    res.end();
    await answered;
    expect(worked).toBeGreaterThan(0);
    expect(waited).toBeGreaterThan(0);
    // Its share of the time, plus what the window open when the loop began had left, plus lateness.
    expect(waited).toBeLessThan(SHARE * elapsed + SHARE * WINDOW_MS + 100);
    expect(waited).toBeLessThan(0.85 * elapsed);
  });
});
