// Starts Spotlight (Sentry's local dev server) for integration tests, bound to 127.0.0.1 ONLY.
//
//   node it/peers/spotlight/launcher.mjs [PORT]        (or env SPOTLIGHT_PORT; default 8969)
//
// Never use the Spotlight CLI (`spotlight`, `npx spotlight`, dist/run.js): it loads
// dist/instrument.js, which sends Spotlight's own telemetry to a remote Sentry host, and
// it listens on every interface. The package's main export (dist/server/main.js) holds no
// remote address; it calls server.listen(port) without a host, so we pin the host here.
import http from "node:http";
import net from "node:net";

const LOOPBACK = "127.0.0.1";
const raw = process.argv[2] ?? process.env.SPOTLIGHT_PORT ?? "8969";
const port = Number(raw);
if (!/^\d+$/.test(String(raw)) || port < 1 || port > 65535) {
  console.error(`[spotlight-launcher] invalid port: ${raw}`);
  process.exit(2);
}

// Force every listening socket of this process onto 127.0.0.1, whatever the caller passed.
const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (typeof first === "object" && first !== null && !Array.isArray(first)) {
    if (first.path != null) throw new Error("[spotlight-launcher] unix sockets not expected");
    args[0] = { ...first, host: LOOPBACK, ipv6Only: false };
  } else if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    // listen(port[, host][, backlog][, cb]) -> drop any host/backlog given, keep the callback
    const cb = args.find((a) => typeof a === "function");
    args = cb ? [Number(first), LOOPBACK, cb] : [Number(first), LOOPBACK];
  } else if (first === undefined || typeof first === "function") {
    args = [0, LOOPBACK, ...args.filter((a) => typeof a === "function")];
  } else {
    throw new Error(`[spotlight-launcher] unexpected listen(${JSON.stringify(first)})`);
  }
  // A busy port must fail fast (Spotlight itself would retry every 5 s).
  this.once("error", (err) => {
    console.error(`[spotlight-launcher] cannot listen on ${LOOPBACK}:${port}: ${err.code ?? err.message}`);
    process.exit(3);
  });
  return originalListen.apply(this, args);
};

// Honour "Connection: close" from the client. Spotlight (through Hono) answers every envelope
// POST with "Connection: keep-alive" even when the request said close, and Node then keeps the
// socket open. The JDK's HttpURLConnection (used by sentry-java) believes the response header and
// sends its next envelope on that socket; Node's parser rejects data after "Connection: close"
// and answers 400 (HPE_CLOSED_CONNECTION), so every second envelope sent in quick succession was
// lost. A real Sentry closes the connection; so do we.
const originalWriteHead = http.ServerResponse.prototype.writeHead;
http.ServerResponse.prototype.writeHead = function (statusCode, ...rest) {
  if (/\bclose\b/i.test(this.req?.headers?.connection ?? "")) {
    const headers = rest[rest.length - 1];
    if (headers && typeof headers === "object" && !Array.isArray(headers)) {
      // @hono/node-server passes the response headers as an object here.
      for (const key of Object.keys(headers)) {
        if (key.toLowerCase() === "connection") delete headers[key];
      }
      headers.Connection = "close";
    } else {
      this.removeHeader("connection");
      this.setHeader("Connection", "close");
    }
    this.shouldKeepAlive = false;
  }
  return originalWriteHead.call(this, statusCode, ...rest);
};

const shutdown = (sig) => {
  console.log(`[spotlight-launcher] ${sig}: exiting`);
  process.exit(0);
};
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));

const { setupSpotlight } = await import("@spotlightjs/spotlight");
const server = await setupSpotlight({ port, isStandalone: true });
if (!server) {
  // setupSpotlight returns nothing when another Spotlight already answers on this port.
  console.error(`[spotlight-launcher] another Spotlight already runs on port ${port}; refusing to reuse it`);
  process.exit(3);
}
const addr = server.address();
console.log(`[spotlight-launcher] listening on ${addr.address}:${addr.port} (pid ${process.pid})`);
if (addr.address !== LOOPBACK) {
  console.error(`[spotlight-launcher] bound to ${addr.address}, not ${LOOPBACK}: aborting`);
  process.exit(4);
}
