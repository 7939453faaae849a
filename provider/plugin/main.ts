/**
 * Entry point of the `pulumi-resource-vcda` provider plugin (bin/pulumi-resource-vcda runs it with node). The
 * engine starts it with its own address as the last argument and reads the port from the first line of stdout.
 * @module
 */
import { connectEngineLog } from "../log";
import { serve } from "./server";

async function main(args: string[]): Promise<void> {
  const engine = args.filter((a) => !a.startsWith("-")).pop();
  if (engine) connectEngineLog(engine);
  const { port } = await serve();
  // The engine reads the port from the first line; nothing may be printed before it.
  process.stdout.write(`${port}\n`);
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`fatal: pulumi-resource-vcda could not start: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
