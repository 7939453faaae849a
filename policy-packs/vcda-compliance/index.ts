import { VcdaCompliance } from "./pack";

// Defaults: mandatory for hard product limits, advisory for quiescing and encryption. Override with
// `pulumi preview --policy-pack <dir> --policy-pack-config <file.json>`.
new VcdaCompliance("vcda-compliance");
