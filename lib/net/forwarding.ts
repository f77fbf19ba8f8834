import { randomBytes } from "node:crypto";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { clientAddress, type TrustedProxies } from "./client-address";

/**
 * `next start` passes a client's own X-Forwarded-For (and -Host, -Proto) through unchanged and
 * fills them from the socket only when they are missing, so by the time the app reads them a
 * forged header looks exactly like a real one. This gate sees each request first, on Node's
 * `http.server.request.start` channel (published before the server's request handler runs):
 * unless the socket's peer is a trusted proxy it removes the forwarding headers, so Next fills
 * them with the real socket values, and it stamps the client's address with a per-process nonce
 * a client cannot forge.
 */
const CLIENT_HEADER = "x-crm-client-address";
const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];
const REQUEST_START = "http.server.request.start";

// On globalThis: instrumentation and the routes that read the stamp are bundled separately.
const KEY = Symbol.for("deals-crm.forwarding-gate");
const gate = globalThis as unknown as { [KEY]?: { nonce: string } };

export function installForwardingGate(trusted: TrustedProxies): () => void {
  const nonce = randomBytes(16).toString("hex");
  const listener = (message: unknown) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const headers = request.headers;
    const peer = socket.remoteAddress ?? "";
    const fromProxy = trusted.has(peer);
    const raw = headers["x-forwarded-for"];
    const forwardedFor = Array.isArray(raw) ? raw.join(", ") : raw;
    if (!fromProxy) for (const name of FORWARDING_HEADERS) if (name in headers) delete headers[name];
    headers[CLIENT_HEADER] = `${nonce} ${clientAddress(fromProxy ? forwardedFor : undefined, peer, trusted)}`;
  };
  subscribe(REQUEST_START, listener);
  gate[KEY] = { nonce };
  return () => {
    unsubscribe(REQUEST_START, listener);
    if (gate[KEY]?.nonce === nonce) delete gate[KEY];
  };
}

let warned = false;

/**
 * The client's address as the gate stamped it. "unknown" when the request bypassed the gate (it
 * arrived while the server was still starting, or the server is not Node's): never a header the
 * client could have written.
 */
export function requestClientAddress(headers: Record<string, unknown>): string {
  const stamp = headers[CLIENT_HEADER];
  const nonce = gate[KEY]?.nonce;
  if (nonce && typeof stamp === "string" && stamp.startsWith(`${nonce} `)) return stamp.slice(nonce.length + 1);
  if (!warned) {
    warned = true;
    console.warn("[crm] a request reached sign-in without the forwarding gate's stamp: its address counts as 'unknown'");
  }
  return "unknown";
}
