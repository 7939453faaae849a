/**
 * The plugin's gRPC service, served in this process and called as the engine calls it: the schema it serves,
 * CheckConfig with the messages stack config gives today, secrets kept secret at the edge, and resource methods
 * that answer what the dynamic providers' objects answer (the same objects) against the emulator, including a
 * partial failure the engine records in state and reads by id alone (`pulumi import`).
 */
import type { ServiceError } from "@grpc/grpc-js";
import * as grpc from "@grpc/grpc-js";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator/index";
import policyProvider from "../../provider/dynamic/policy";
import { KINDS } from "../../provider/plugin/registry";
import { buildSchema } from "../../provider/plugin/schema";
import { serve } from "../../provider/plugin/server";
import { SECRET, SECRET_SIG, secret, toStruct } from "../../provider/plugin/values";
import { IDS, SITE1_CREDENTIALS } from "./helpers";

type Props = Record<string, unknown>;
const DEFAULT_PROVIDER = "urn:pulumi:dev::proj::pulumi:providers:vcda::default_0_1_0";
const PROD_PROVIDER = "urn:pulumi:dev::proj::pulumi:providers:vcda::prod";
const urn = (type: string, name: string) => `urn:pulumi:dev::proj::vcda:index:${type}::${name}`;
const isSecret = (v: unknown) => (v as Props | undefined)?.[SECRET_SIG] === SECRET;

describe("the pulumi-resource-vcda gRPC service", () => {
  let emulator: RunningEmulator;
  let server: { tryShutdown(cb: () => void): void };
  let client: provrpc.ResourceProviderClient;

  /** One unary call, as a promise. */
  const call = <Res>(method: string, req: unknown): Promise<Res> =>
    new Promise((resolve, reject) => {
      const fn = (
        client as unknown as Record<string, (r: unknown, cb: (e: ServiceError | null, v: Res) => void) => void>
      )[method]!.bind(client);
      fn(req, (e, v) => (e ? reject(e) : resolve(v)));
    });

  const checkConfig = async (urnOf: string, news: Props) => {
    const req = new provproto.CheckRequest();
    req.setUrn(urnOf);
    req.setOlds(toStruct({}));
    req.setNews(toStruct(news));
    const resp = await call<provproto.CheckResponse>("checkConfig", req);
    return {
      failures: resp.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      inputs: resp.getInputs()?.toJavaScript() as Props,
    };
  };

  const check = async (type: string, news: Props) => {
    const req = new provproto.CheckRequest();
    req.setUrn(urn(type, "x"));
    req.setOlds(toStruct({}));
    req.setNews(toStruct(news));
    const resp = await call<provproto.CheckResponse>("check", req);
    return {
      failures: resp.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      inputs: resp.getInputs()?.toJavaScript() as Props,
    };
  };

  const create = async (type: string, props: Props) => {
    const req = new provproto.CreateRequest();
    req.setUrn(urn(type, "x"));
    req.setProperties(toStruct(props));
    const resp = await call<provproto.CreateResponse>("create", req);
    return { id: resp.getId(), outs: resp.getProperties()?.toJavaScript() as Props };
  };

  const read = async (type: string, id: string, properties: Props = {}) => {
    const req = new provproto.ReadRequest();
    req.setUrn(urn(type, "x"));
    req.setId(id);
    req.setProperties(toStruct(properties));
    req.setInputs(toStruct({}));
    const resp = await call<provproto.ReadResponse>("read", req);
    return {
      id: resp.getId(),
      props: resp.getProperties()?.toJavaScript() as Props | undefined,
      inputs: resp.getInputs()?.toJavaScript() as Props | undefined,
    };
  };

  const destroy = async (type: string, id: string, properties: Props) => {
    const req = new provproto.DeleteRequest();
    req.setUrn(urn(type, "x"));
    req.setId(id);
    req.setProperties(toStruct(properties));
    await call("delete", req);
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, inMemory: true, taskDurationMs: 50 });
    const started = await serve();
    server = started.server;
    client = new provrpc.ResourceProviderClient(`127.0.0.1:${started.port}`, grpc.credentials.createInsecure());
    const configure = new provproto.ConfigureRequest();
    configure.setArgs(
      toStruct({ endpoint: emulator.url, password: secret("password"), sites: secret(SITE1_CREDENTIALS) }),
    );
    const resp = await call<provproto.ConfigureResponse>("configure", configure);
    expect(resp.getAcceptsecrets()).toBe(true);
  });
  afterAll(async () => {
    client?.close();
    await new Promise<void>((r) => (server ? server.tryShutdown(() => r()) : r()));
    await emulator?.close();
  });

  it("serves the schema generated from the contracts", async () => {
    const req = new provproto.GetSchemaRequest();
    const resp = await call<provproto.GetSchemaResponse>("getSchema", req);
    expect(JSON.parse(resp.getSchema())).toEqual(buildSchema(KINDS.map((k) => k.contract)));
  });

  describe("CheckConfig", () => {
    it("refuses a bad stack config value with today's message, naming the property", async () => {
      const { failures } = await checkConfig(DEFAULT_PROVIDER, { endpoint: emulator.url, insecure: "maybe" });
      expect(failures).toEqual([
        { property: "insecure", reason: 'stack config vcda:insecure must be true or false, got "maybe"' },
      ]);
    });

    it("names an explicit provider, and checks the endpoint, sites and limits it is given", async () => {
      const { failures } = await checkConfig(PROD_PROVIDER, {
        endpoint: "ftp://vcda.example.com",
        password: "pw",
        sites: { site1: { type: "token" } },
        limits: { maxRpo: "a day" },
      });
      expect(failures).toEqual([
        {
          property: "sites",
          reason:
            'provider "prod" vcda:sites: sites.site1.type must be "multisite", "credentials", "accessToken" or "cookie", got "token"',
        },
        { property: "limits", reason: 'vcda:limits is invalid: maxRpo must be a non-negative integer, got "a day"' },
      ]);
      const endpoint = await checkConfig(PROD_PROVIDER, { endpoint: "ftp://vcda.example.com", password: "pw" });
      expect(endpoint.failures).toEqual([
        {
          property: "endpoint",
          reason:
            'VCDA endpoint "ftp://vcda.example.com" (from provider "prod") must start with https:// (or http:// for a local emulator)',
        },
      ]);
    });

    it("accepts a configuration that leaves the endpoint or password to the resources' connection", async () => {
      expect((await checkConfig(PROD_PROVIDER, {})).failures).toEqual([]);
      expect((await checkConfig(PROD_PROVIDER, { endpoint: emulator.url })).failures).toEqual([]);
    });

    it("keeps the password and the sites secret in the provider's state, however the program sent them", async () => {
      const { inputs } = await checkConfig(PROD_PROVIDER, {
        endpoint: emulator.url,
        password: "plain",
        sites: SITE1_CREDENTIALS,
      });
      expect(inputs.endpoint).toBe(emulator.url);
      expect(inputs.password).toEqual(secret("plain"));
      expect(inputs.sites).toEqual(secret(SITE1_CREDENTIALS));
    });

    it("never replaces resources when the configuration changes", async () => {
      const req = new provproto.DiffRequest();
      req.setUrn(PROD_PROVIDER);
      req.setOlds(toStruct({ endpoint: "https://a.example.com", password: secret("x") }));
      req.setNews(toStruct({ endpoint: "https://b.example.com", password: secret("x") }));
      const resp = await call<provproto.DiffResponse>("diffConfig", req);
      expect(resp.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_SOME);
      expect(resp.getDiffsList()).toEqual(["endpoint"]);
      expect(resp.getReplacesList()).toEqual([]);
    });
  });

  describe("resources", () => {
    it("checks inputs with the dynamic provider's messages", async () => {
      const news = { displayName: "Gold", minRpo: 2000, maxIncoming: "many" };
      const viaPlugin = await check("Policy", news);
      const direct = await policyProvider.check({} as never, news as never);
      expect(viaPlugin.failures.length).toBeGreaterThan(0);
      expect(viaPlugin.failures).toEqual(direct.failures);
    });

    it("keeps a secret input secret in the checked inputs and in the outputs, and the connection always", async () => {
      const name = `plugin-secret-${process.pid}`;
      const checked = await check("Policy", { displayName: secret(name), maxIncoming: -1 });
      expect(checked.failures).toEqual([]);
      expect(checked.inputs.displayName).toEqual(secret(name));
      expect(checked.inputs.minRpo).toBe(15);

      const conn = { endpoint: emulator.url, password: "password" };
      const { id, outs } = await create("Policy", { ...checked.inputs, connection: conn });
      expect(outs.displayName).toEqual(secret(name));
      expect(isSecret(outs.connection)).toBe(true);
      expect(outs.maxIncoming).toBe(-1);
      expect(isSecret(outs.orgs)).toBe(false);
      await destroy("Policy", id, outs);
      expect((await read("Policy", id, outs)).id).toBe("");
    });

    it("reads a policy by id alone with the inputs that describe it (pulumi import)", async () => {
      const { id, outs } = await create("Policy", { displayName: `plugin-import-${process.pid}`, maxIncoming: 3 });
      const imported = await read("Policy", id);
      expect(imported.id).toBe(id);
      expect(imported.inputs).toMatchObject({
        displayName: `plugin-import-${process.pid}`,
        maxIncoming: 3,
        minRpo: 15,
      });
      expect(imported.inputs).not.toHaveProperty("orgs");
      expect(imported.props).toMatchObject({ maxIncoming: 3, orgs: 0 });
      await destroy("Policy", id, outs);
    });

    it("reads the default policy and an org's assignment by id alone (pulumi import)", async () => {
      const dflt = await read("DefaultPolicy", "default");
      expect(dflt.id).toBe("default");
      expect(dflt.inputs).toMatchObject({ minRpo: 15, maxInstances: 24, allowIncomingMigrations: true });
      expect(dflt.inputs).not.toHaveProperty("displayName");
      const org = await read("PolicyAssignment", "org3");
      expect(org).toMatchObject({ id: "org3", inputs: { org: "org3", policyId: "default" } });
    });

    it("reports a replication whose follow-up step failed as created, so the engine keeps it in state", async () => {
      // org2 needs a policy that takes incoming protections: made and assigned through the plugin too.
      const policy = await create("Policy", {
        displayName: `plugin-open-${process.pid}`,
        maxIncoming: -1,
        allowIncomingProtections: true,
        allowOutgoingProtections: true,
      });
      const assignment = await create("PolicyAssignment", { policyId: policy.id, org: "org2" });
      expect(assignment.id).toBe("org2");
      emulator.setFaults({ errorRate: 1, errorStatus: 500, pathPattern: "/pause$" });
      const err = (await create("VmReplication", {
        source: { type: "vcloud", site: "site1", vmId: IDS.site1Vm(21) },
        destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg2 },
        paused: true,
        timeoutSeconds: 30,
      }).catch((e) => e)) as ServiceError;
      emulator.setFaults({ errorRate: 0, pathPattern: undefined });
      expect(err.message).toMatch(/failed at pause/);
      const details = err.metadata.get("grpc-status-details-bin")[0] as Buffer;
      const status = statusproto.Status.deserializeBinary(new Uint8Array(details));
      const init = status
        .getDetailsList()[0]!
        .unpack(provproto.ErrorResourceInitFailed.deserializeBinary, "pulumirpc.ErrorResourceInitFailed");
      const id = init?.getId() ?? "";
      expect(id).toMatch(/^C4-/);
      const properties = init?.getProperties()?.toJavaScript() as Props;
      expect(properties.replicationId).toBe(id);
      await destroy("VmReplication", id, properties);
      await destroy("PolicyAssignment", assignment.id, assignment.outs);
      await destroy("Policy", policy.id, policy.outs);
    });

    it("creates a vApp replication, reads it by id alone with the inputs that describe it (pulumi import), and deletes it", async () => {
      const policy = await create("Policy", {
        displayName: `plugin-vapp-${process.pid}`,
        maxIncoming: -1,
        allowIncomingProtections: true,
        allowOutgoingProtections: true,
      });
      const assignment = await create("PolicyAssignment", { policyId: policy.id, org: "org2" });
      const source = { type: "vcloud", site: "site1", vappId: IDS.webTierVapp, org: "org1" };
      const destination = { type: "vcloud", site: "site2", vdc: IDS.vdcOrg2 };
      const checked = await check("VappReplication", { source, destination, rpo: 30, timeoutSeconds: 30 });
      expect(checked.failures).toEqual([]);
      const { id, outs } = await create("VappReplication", checked.inputs);
      expect(id).toMatch(/^C4VAPP-/);
      expect(outs).toMatchObject({ replicationId: id, vappName: "web-tier", vmCount: 3, source, rpo: 30 });

      const imported = await read("VappReplication", id);
      expect(imported.id).toBe(id);
      expect(imported.inputs).toEqual({
        source,
        destination: { ...destination, org: "org2" },
        rpo: 30,
        quiesced: true,
        dataConnectionType: "ENCRYPTED_COMPRESSED",
        retentionPolicy: { rules: [{ numberOfInstances: 1, distance: 60 }] },
      });
      expect(imported.props).toMatchObject({ ...imported.inputs, replicationId: id, vmCount: 3 });

      await destroy("VappReplication", id, outs);
      expect((await read("VappReplication", id, outs)).id).toBe("");
      await destroy("PolicyAssignment", assignment.id, assignment.outs);
      await destroy("Policy", policy.id, policy.outs);
    });

    it("assigns an SLA profile, reads the assignment by its id <org>/<slaProfileId> alone (pulumi import), and unassigns it", async () => {
      const { id, outs } = await create("SlaProfileAssignment", { org: "org2", slaProfileId: IDS.goldSlaProfile });
      expect(id).toBe(`org2/${IDS.goldSlaProfile}`);
      const imported = await read("SlaProfileAssignment", id);
      expect(imported).toMatchObject({ id, inputs: { org: "org2", slaProfileId: IDS.goldSlaProfile } });
      expect(imported.props).toEqual(imported.inputs);
      await expect(read("SlaProfileAssignment", "org2")).rejects.toThrow(/is not <org>\/<slaProfileId>/);
      await destroy("SlaProfileAssignment", id, outs);
      // No org has the profile any more: the assignment is gone, by id alone as with state.
      expect((await read("SlaProfileAssignment", id)).id).toBe("");
      expect((await read("SlaProfileAssignment", id, outs)).id).toBe("");
    });

    it("refuses a type it does not serve", async () => {
      await expect(check("Nothing", {})).rejects.toThrow(/does not know the resource type vcda:index:Nothing/);
    });
  });
});
