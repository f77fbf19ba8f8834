/** What the benchmark's two scripts share: where the data lives and who signs in. */
export const BENCH_PASSWORD = "bench1234";
export const BENCH_USERS = { admin: "bench.admin@example.com", sales: "bench.sales@example.com", head: "bench.head@example.com" } as const;

export function benchDatabaseUrl(): string {
  return process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/crm_bench";
}

/** `--name value` pairs over defaults; numbers stay numbers ("1_000_000" and "1e6" allowed). */
export function parseArgs<T extends Record<string, number | string | boolean>>(argv: string[], defaults: T): T {
  const result: Record<string, number | string | boolean> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) continue;
    const key = arg.slice(2);
    if (!(key in defaults)) throw new Error(`unknown option ${arg}; known: ${Object.keys(defaults).join(", ")}`);
    if (typeof defaults[key] === "boolean") {
      result[key] = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    result[key] = typeof defaults[key] === "number" ? Number(value.replaceAll("_", "")) : value;
    if (typeof defaults[key] === "number" && !Number.isFinite(result[key])) throw new Error(`${arg} needs a number`);
  }
  return result as T;
}
