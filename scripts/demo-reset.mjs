#!/usr/bin/env node
// `npm run demo:reset`: forget the demo (emulator data, stack state, PULUMI_HOME). The engine cache stays.
import { rmSync } from "node:fs";
import { dataDir, say } from "./demo-env.mjs";

rmSync(dataDir, { recursive: true, force: true });
say(`removed ${dataDir}`);
