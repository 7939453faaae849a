import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "policy-packs/**/test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "dist/**"],
    // Real-engine tests run several pulumi commands each; on 2 busy cores one can take minutes.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Real-engine tests start pulumi processes; keep files in parallel but bounded for 2 cores.
    maxWorkers: 2,
  },
});
