/** Fault injection for reliability tests; everything off by default. Rates are probabilities in [0, 1]. */
export interface FaultOptions {
  /** Added delay before every API response, in ms. */
  latencyMs?: number;
  /** Share of API requests answered with `errorStatus` (default 503) and an error body. */
  errorRate?: number;
  errorStatus?: number;
  /** Share of API requests whose connection is destroyed without a response. */
  dropRate?: number;
  /** Share of API requests answered 429 with `Retry-After: retryAfterSeconds`. */
  throttleRate?: number;
  retryAfterSeconds?: number;
  /** Share of tasks that end FAILED instead of SUCCEEDED. */
  taskFailureRate?: number;
  /** Share of authenticated requests whose session is expired just before use (401). */
  sessionExpiryRate?: number;
  /** Only paths matching this regular expression get request faults (default: every API path). */
  pathPattern?: string;
  /** Seed of the random draws, so a run of faults can be repeated exactly (default: Math.random). */
  seed?: number;
}

/** mulberry32: a tiny seeded PRNG, enough to make fault sequences repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS: (keyof FaultOptions)[] = [
  "latencyMs",
  "errorRate",
  "errorStatus",
  "dropRate",
  "throttleRate",
  "retryAfterSeconds",
  "taskFailureRate",
  "sessionExpiryRate",
  "pathPattern",
  "seed",
];

export class Faults {
  private f: FaultOptions = {};
  private re: RegExp | undefined;
  private random: () => number = Math.random;

  constructor(initial?: FaultOptions) {
    if (initial) this.set(initial, true);
  }

  get(): FaultOptions {
    return { ...this.f };
  }

  /** Merges (or replaces) the settings; unknown keys and bad values are rejected. */
  set(f: FaultOptions, replace = false): FaultOptions {
    for (const [k, v] of Object.entries(f)) {
      if (!KEYS.includes(k as keyof FaultOptions)) throw new Error(`unknown fault '${k}'`);
      if (v === null || v === undefined) continue;
      if (k === "pathPattern") {
        if (typeof v !== "string") throw new Error("pathPattern must be a string");
        new RegExp(v);
      } else if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || (k.endsWith("Rate") && v > 1)) {
        throw new Error(`fault '${k}' must be a number${k.endsWith("Rate") ? " in [0, 1]" : " >= 0"}`);
      }
    }
    const next: FaultOptions = replace ? {} : { ...this.f };
    for (const [k, v] of Object.entries(f)) {
      if (v === null || v === undefined) delete next[k as keyof FaultOptions];
      else (next as Record<string, unknown>)[k] = v;
    }
    this.f = next;
    this.re = next.pathPattern ? new RegExp(next.pathPattern) : undefined;
    this.random = next.seed === undefined ? Math.random : seeded(next.seed);
    return this.get();
  }

  applies(path: string): boolean {
    return !this.re || this.re.test(path);
  }

  roll(rate: number | undefined): boolean {
    return !!rate && this.random() < rate;
  }
}

/** Request counts per route template, and logins (POST /sessions), for benchmarks. */
export class Counts {
  private routes = new Map<string, number>();
  private logins = 0;
  private total = 0;

  add(route: string, login: boolean): void {
    this.routes.set(route, (this.routes.get(route) ?? 0) + 1);
    this.total++;
    if (login) this.logins++;
  }

  snapshot(): { total: number; logins: number; routes: Record<string, number> } {
    return { total: this.total, logins: this.logins, routes: Object.fromEntries([...this.routes.entries()].sort()) };
  }

  reset(): void {
    this.routes.clear();
    this.logins = 0;
    this.total = 0;
  }
}
