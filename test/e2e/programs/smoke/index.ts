import * as pulumi from "@pulumi/pulumi";

// An in-memory resource: no API behind it, only the engine's create/diff/update/read/delete protocol.
const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `smoke-${inputs.label}`, outs: { ...inputs, revision: 1 } };
  },
  async diff(_id, olds, news) {
    const changes = olds.label !== news.label || olds.token !== news.token;
    return { changes, replaces: [] };
  },
  async update(_id, olds, news) {
    return { outs: { ...news, revision: (olds.revision ?? 0) + 1 } };
  },
  async read(id, props) {
    return { id, props };
  },
};

class Smoke extends pulumi.dynamic.Resource {
  declare readonly label: pulumi.Output<string>;
  declare readonly revision: pulumi.Output<number>;
  constructor(name: string, args: { label: string; token: pulumi.Input<string> }) {
    super(provider, name, { ...args, revision: undefined }, {}, "vcda", "Smoke");
  }
}

const config = new pulumi.Config();
const smoke = new Smoke("smoke", { label: config.require("label"), token: config.requireSecret("token") });

export const label = smoke.label;
export const revision = smoke.revision;
export const smokeUrn = smoke.urn;
