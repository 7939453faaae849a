import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: Recorded, res: http.ServerResponse) => void | Promise<void>;

/** A real node:http server on port 0 recording every request (octokit's mock-request-http-server pattern). */
export async function mockServer(
  handler: Handler,
): Promise<{ url: string; requests: Recorded[]; close: () => Promise<void> }> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rec: Recorded = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(rec);
      Promise.resolve(handler(rec, res)).catch((e) => {
        res.statusCode = 500;
        res.end(String(e));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "Content-Type": "application/vnd.vmware.h4-v4.1+json;charset=UTF-8", ...headers });
  res.end(JSON.stringify(body));
}

export const SESSION = {
  user: "root",
  roles: ["ADMINISTRATORS", "EVERYONE"],
  authenticatedSites: [{ site: "site2", org: "System" }],
};

/** Replies to POST /sessions with a token `tok-<n>`; returns true when it handled the request. */
export function handleLogin(req: Recorded, res: http.ServerResponse, counter: { n: number }): boolean {
  if (req.method === "POST" && req.path === "/sessions") {
    counter.n++;
    json(res, 200, SESSION, { "X-VCAV-Auth": `tok-${counter.n}` });
    return true;
  }
  return false;
}
