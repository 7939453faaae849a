/**
 * What every dynamic provider's `configure()` captures from stack config: the connection (`vcda:*`, resolved in
 * client/connection.ts) and the product limits (`vcda:limits`, limits.ts).
 */
import { readConfig, setStackConfig } from "./client/connection";
import { configureLimits } from "./limits";

/** Captures the stack config from a dynamic provider's `configure(req)`. Call from every provider's `configure`. */
export function configureFromRequest(req: { config: { get(key: string): string | undefined } }): void {
  setStackConfig(readConfig((k) => req.config.get(k)));
  configureLimits(req.config.get("vcda:limits"));
}
