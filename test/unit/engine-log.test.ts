/**
 * The provider process's log lines to the engine's Log RPC (a real gRPC server on loopback, speaking the engine
 * protocol from @pulumi/pulumi): debug lines arrive together, complete and in order, and a warning flushes them first.
 */
import { dirname } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectEngineLog, log } from "../../provider/log";

const sdk = dirname(require.resolve("@pulumi/pulumi/package.json"));
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdk] }));
const rpc = require(`${sdk}/proto/engine_grpc_pb.js`);
const pb = require(`${sdk}/proto/engine_pb.js`);
const { Empty } = require(require.resolve("google-protobuf/google/protobuf/empty_pb.js", { paths: [sdk] }));

const received: Array<{ severity: number; message: string }> = [];
let server: { forceShutdown(): void };

beforeAll(async () => {
  const s = new grpc.Server();
  s.addService(rpc.EngineService, {
    log: (call: { request: { getSeverity(): number; getMessage(): string } }, done: (e: null, r: unknown) => void) => {
      received.push({ severity: call.request.getSeverity(), message: call.request.getMessage() });
      done(null, new Empty());
    },
  });
  const port = await new Promise<number>((ok, fail) =>
    s.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e: Error | null, p: number) =>
      e ? fail(e) : ok(p),
    ),
  );
  server = s;
  connectEngineLog(`127.0.0.1:${port}`);
});

afterAll(() => server?.forceShutdown());

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
};

it("sends debug lines to the engine together, every line in order, and a warning after the lines before it", async () => {
  for (let i = 0; i < 30; i++) log.debug(`line ${i}`);
  log.warn("something to see");
  log.debug("after the warning");
  await until(() => received.some((r) => r.message === "after the warning"));

  const debug = received.filter((r) => r.severity === pb.LogSeverity.DEBUG);
  const lines = debug.flatMap((r) => r.message.split("\n"));
  expect(lines).toEqual([...Array.from({ length: 30 }, (_, i) => `line ${i}`), "after the warning"]);
  // Far fewer messages than lines: the 30 went as one, flushed by the warning that follows them.
  expect(debug).toHaveLength(2);
  expect(received.map((r) => r.severity)).toEqual([pb.LogSeverity.DEBUG, pb.LogSeverity.WARNING, pb.LogSeverity.DEBUG]);
});
