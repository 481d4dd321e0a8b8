import { z } from "zod";
import { LOG_FORMATS, LOG_LEVELS } from "./log";

const configSchema = z.object({
  DATABASE_URL: z.url().optional(),
  KAOHE_DATA_DIR: z.string().min(1).default("./data"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SESSION_IDLE_HOURS: z.coerce.number().positive().default(12),
  SESSION_ABSOLUTE_DAYS: z.coerce.number().positive().default(7),
  KAOHE_SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  /** Evidence files folder (Node); defaults to `<KAOHE_DATA_DIR>/evidence`. */
  KAOHE_EVIDENCE_DIR: z.string().min(1).optional(),
  KAOHE_WEB_DIR: z.string().min(1).default("./web/dist"),
  /** Reverse proxies (addresses or CIDRs) whose X-Forwarded-For is believed; see src/http/client-address.ts. */
  TRUST_PROXY: z.string().default(""),
  LOG_FORMAT: z.enum(LOG_FORMATS).default("pretty"),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
});

export type Config = z.infer<typeof configSchema>;

/** Parses configuration from an environment record (process.env on Node, the Worker `env`). */
export function parseConfig(env: Record<string, unknown>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** Session lifetimes in milliseconds, as both entries hand them to createApp. */
export function sessionPolicyOf(config: Config): { idleMs: number; absoluteMs: number } {
  return {
    idleMs: config.SESSION_IDLE_HOURS * 3_600_000,
    absoluteMs: config.SESSION_ABSOLUTE_DAYS * 86_400_000,
  };
}
