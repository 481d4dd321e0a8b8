// The bindings the workerd tests see: wrangler.toml's, plus SITE from vitest.workerd.config.ts.
declare namespace Cloudflare {
  interface Env {
    HYPERDRIVE: Hyperdrive;
    EVIDENCE: R2Bucket;
    /** The Worker behind the static assets router, as the Internet reaches it. */
    SITE: Fetcher;
  }
}
