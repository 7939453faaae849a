/**
 * The ResourceProvider gRPC service of `pulumi-resource-vcda`, served directly from @pulumi/pulumi's generated
 * protocol classes (as @pulumi/pulumi/cmd/dynamic-provider does). Each resource method finds the kind by type
 * token (registry.ts) and calls the same provider object the dynamic resource uses; values are converted at this
 * edge (values.ts). `provider.main` of @pulumi/pulumi is not used: it ignores an explicit provider's arguments and
 * answers CheckConfig and DiffConfig with UNIMPLEMENTED.
 * @module
 */
import type { ServerUnaryCall, ServiceError, sendUnaryData } from "@grpc/grpc-js";
import { log } from "../log";
import type { Prop } from "../properties/types";
import { changedConfig, checkConfig, configSource, configure, type Failure, SECRET_CONFIG } from "./config";
import { anyproto, emptyproto, grpc, plugproto, provproto, provrpc, statusproto } from "./proto";
import { KINDS, kindOf, type ResourceKind } from "./registry";
import { buildSchema, VERSION } from "./schema";
import { fromStruct, type Props, toStruct } from "./values";

type Call<Req> = ServerUnaryCall<Req, unknown>;
type Handler<Req, Res> = (req: Req) => Promise<Res>;

/** The type token of a URN (`urn:pulumi:stack::project::[parent$]vcda:index:Policy::name`). */
export function typeOfUrn(urn: string): string {
  const parts = urn.split("::");
  return (parts[2] ?? "").split("$").pop() ?? "";
}

function kindFor(urn: string): ResourceKind {
  const type = typeOfUrn(urn);
  const k = kindOf(type);
  if (!k) throw new Error(`pulumi-resource-vcda does not know the resource type ${type}`);
  return k;
}

/** Top-level properties the contract keeps secret (`connection`). */
function declaredSecrets(k: ResourceKind): string[] {
  const all = { ...k.contract.inputs, ...k.contract.outputs } as Record<string, Prop>;
  return Object.entries(all)
    .filter(([, p]) => p.secret === true)
    .map(([name]) => name);
}

const union = (...sets: Iterable<string>[]) => new Set(sets.flatMap((s) => [...s]));

/**
 * The gRPC error for a failed operation. An error carrying `id` and `properties` (a partial failure: the object
 * exists) becomes ErrorResourceInitFailed, so the engine records the object in state.
 */
function grpcError(e: unknown, secrets: Set<string>): ServiceError {
  const err = e as Error & { id?: string; properties?: Props; reasons?: string[] };
  const metadata = new grpc.Metadata();
  if (err?.id && err.properties) {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(err.id);
    detail.setProperties(toStruct(err.properties, secrets));
    detail.setReasonsList(err.reasons ?? [err.message]);
    const any = new anyproto.Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(err.message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  const message = err instanceof Error ? err.message : String(e);
  return { name: "Error", code: grpc.status.UNKNOWN, message, details: message, metadata };
}

function unary<Req, Res>(fn: Handler<Req, Res>, secretsOf: (req: Req) => Set<string> = () => new Set()) {
  return (call: Call<Req>, callback: sendUnaryData<Res>) => {
    fn(call.request).then(
      (res) => callback(null, res),
      (e) => {
        log.debug(`pulumi-resource-vcda: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        callback(grpcError(e, safeSecrets(secretsOf, call.request)), null);
      },
    );
  };
}

function safeSecrets<Req>(secretsOf: (req: Req) => Set<string>, req: Req): Set<string> {
  try {
    return secretsOf(req);
  } catch {
    return new Set();
  }
}

const unimplemented = (what: string) => (_call: unknown, callback: sendUnaryData<unknown>) =>
  callback({
    name: "Error",
    code: grpc.status.UNIMPLEMENTED,
    message: what,
    details: what,
    metadata: new grpc.Metadata(),
  });

function failuresOf(list: Failure[] | undefined) {
  return (list ?? []).map((f) => {
    const failure = new provproto.CheckFailure();
    failure.setProperty(f.property);
    failure.setReason(f.reason);
    return failure;
  });
}

type CheckReq = InstanceType<typeof provproto.CheckRequest>;
type DiffReq = InstanceType<typeof provproto.DiffRequest>;
type CreateReq = InstanceType<typeof provproto.CreateRequest>;
type ReadReq = InstanceType<typeof provproto.ReadRequest>;
type UpdateReq = InstanceType<typeof provproto.UpdateRequest>;
type DeleteReq = InstanceType<typeof provproto.DeleteRequest>;
type ConfigureReq = InstanceType<typeof provproto.ConfigureRequest>;

/** Secrets of a resource request: what was secret in `struct`, and what the contract declares secret. */
const resourceSecrets = (urn: string, ...structs: Parameters<typeof fromStruct>[0][]) =>
  union(declaredSecrets(kindFor(urn)), ...structs.map((s) => fromStruct(s).secrets));

/** The service implementation, method by method. @internal */
export const service = {
  getPluginInfo: unary(async () => new plugproto.PluginInfo().setVersion(VERSION)),

  getSchema: unary(async (req: InstanceType<typeof provproto.GetSchemaRequest>) => {
    if (req.getVersion() !== 0) throw new Error(`unsupported schema version ${req.getVersion()}`);
    return new provproto.GetSchemaResponse().setSchema(JSON.stringify(buildSchema(KINDS.map((k) => k.contract))));
  }),

  checkConfig: unary(async (req: CheckReq) => {
    const news = fromStruct(req.getNews());
    const failures = checkConfig(news.props, configSource(req.getUrn()));
    const resp = new provproto.CheckResponse();
    resp.setInputs(toStruct(news.props, union(news.secrets, SECRET_CONFIG)));
    resp.setFailuresList(failuresOf(failures));
    return resp;
  }),

  diffConfig: unary(async (req: DiffReq) => {
    const changed = changedConfig(fromStruct(req.getOlds()).props, fromStruct(req.getNews()).props);
    const resp = new provproto.DiffResponse();
    resp.setChanges(
      changed.length ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE,
    );
    resp.setDiffsList(changed);
    return resp;
  }),

  configure: unary(async (req: ConfigureReq) => {
    const args = req.getArgs();
    const props: Props = args
      ? fromStruct(args).props
      : Object.fromEntries(
          req
            .getVariablesMap()
            .toArray()
            .map(([k, v]) => [k.replace(/^vcda:(config:)?/, ""), v]),
        );
    configure(props);
    const resp = new provproto.ConfigureResponse();
    resp.setAcceptsecrets(true);
    resp.setSupportspreview(false);
    return resp;
  }),

  check: unary(
    async (req: CheckReq) => {
      const k = kindFor(req.getUrn());
      const olds = fromStruct(req.getOlds());
      const news = fromStruct(req.getNews());
      const result = (await k.provider.check?.(olds.props, news.props)) ?? { inputs: news.props };
      const resp = new provproto.CheckResponse();
      resp.setInputs(toStruct(result.inputs ?? news.props, union(news.secrets, declaredSecrets(k))));
      resp.setFailuresList(failuresOf(result.failures));
      return resp;
    },
    (req) => resourceSecrets(req.getUrn(), req.getNews()),
  ),

  diff: unary(async (req: DiffReq) => {
    const k = kindFor(req.getUrn());
    const resp = new provproto.DiffResponse();
    const result = await k.provider.diff?.(
      req.getId(),
      fromStruct(req.getOlds()).props,
      fromStruct(req.getNews()).props,
    );
    const { DIFF_SOME, DIFF_NONE, DIFF_UNKNOWN } = provproto.DiffResponse.DiffChanges;
    resp.setChanges(result?.changes === true ? DIFF_SOME : result?.changes === false ? DIFF_NONE : DIFF_UNKNOWN);
    if (result?.replaces?.length) resp.setReplacesList(result.replaces);
    if (result?.deleteBeforeReplace) resp.setDeletebeforereplace(true);
    return resp;
  }),

  create: unary(
    async (req: CreateReq) => {
      const k = kindFor(req.getUrn());
      const inputs = fromStruct(req.getProperties());
      const result = await k.provider.create(inputs.props);
      const resp = new provproto.CreateResponse();
      resp.setId(result.id);
      resp.setProperties(toStruct(result.outs ?? {}, union(inputs.secrets, declaredSecrets(k))));
      return resp;
    },
    (req) => resourceSecrets(req.getUrn(), req.getProperties()),
  ),

  read: unary(async (req: ReadReq) => {
    const k = kindFor(req.getUrn());
    const state = fromStruct(req.getProperties());
    const inputs = fromStruct(req.getInputs());
    const secrets = union(state.secrets, inputs.secrets, declaredSecrets(k));
    // Refresh passes the outputs; a read by id (`pulumi import`, `get`) passes nothing or only inputs.
    const props = Object.keys(state.props).length > 0 ? state.props : inputs.props;
    const result = await k.provider.read?.(req.getId(), props);
    const resp = new provproto.ReadResponse();
    // No id: the object is gone (refresh drops it from the state; import fails, naming the id).
    if (!result?.id) return resp.setId("");
    resp.setId(result.id);
    resp.setProperties(toStruct(result.props ?? {}, secrets));
    if (result.inputs) resp.setInputs(toStruct(result.inputs as Props, secrets));
    return resp;
  }),

  update: unary(
    async (req: UpdateReq) => {
      const k = kindFor(req.getUrn());
      const news = fromStruct(req.getNews());
      const result = (await k.provider.update?.(req.getId(), fromStruct(req.getOlds()).props, news.props)) ?? {};
      const resp = new provproto.UpdateResponse();
      resp.setProperties(toStruct(result.outs ?? news.props, union(news.secrets, declaredSecrets(k))));
      return resp;
    },
    (req) => resourceSecrets(req.getUrn(), req.getNews()),
  ),

  delete: unary(async (req: DeleteReq) => {
    const k = kindFor(req.getUrn());
    await k.provider.delete?.(req.getId(), fromStruct(req.getProperties()).props);
    return new emptyproto.Empty();
  }),

  cancel: unary(async () => new emptyproto.Empty()),

  handshake: unimplemented("Handshake is not implemented by pulumi-resource-vcda"),
  parameterize: unimplemented("Parameterize is not implemented by pulumi-resource-vcda"),
  invoke: unimplemented("pulumi-resource-vcda has no functions"),
  call: unimplemented("pulumi-resource-vcda has no methods"),
  construct: unimplemented("pulumi-resource-vcda has no components"),
  attach: unimplemented("Attach is not implemented by pulumi-resource-vcda"),
  getMapping: unimplemented("pulumi-resource-vcda has no mappings"),
  getMappings: unimplemented("pulumi-resource-vcda has no mappings"),
  list: (call: { emit(event: string, e: unknown): void }) =>
    call.emit("error", { code: grpc.status.UNIMPLEMENTED, details: "List is not implemented by pulumi-resource-vcda" }),
};

/** Starts the service on a free loopback port and returns the port. @internal */
export async function serve(): Promise<{ port: number; server: InstanceType<typeof grpc.Server> }> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, service as never);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { port, server };
}
