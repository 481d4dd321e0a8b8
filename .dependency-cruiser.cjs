// The layer rule of docs/ARCHITECTURE.md, enforced: `npm run check:layers` (part of `npm test`) fails on an
// upward import, on a route that reaches the database itself, and on any import circle.
//
//   entry-* → http → services → auth / db / domain / storage        (the server)
//   web/src → web/src, src/domain (pure, shared with the browser)    (the front end)
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import circle: split the shared part out (docs/ARCHITECTURE.md, layers).",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "src/domain is pure arithmetic and rules: no database, HTTP, services, storage or Node APIs.",
      from: { path: "^src/domain/" },
      to: { path: "^src/(db|http|services|auth|storage|entry-)|^node:|^(fs|path|crypto)$" },
    },
    {
      name: "no-upward-from-services",
      severity: "error",
      comment: "Services never import the HTTP layer or the entry points.",
      from: { path: "^src/(services|auth|db|storage)/" },
      to: { path: "^src/(http|entry-)" },
    },
    {
      name: "lower-layers-stay-low",
      severity: "error",
      comment: "db, auth and storage sit below services.",
      from: { path: "^src/(db|auth|storage)/" },
      to: { path: "^src/services/" },
    },
    {
      name: "routes-go-through-services",
      severity: "error",
      comment:
        "A route validates, checks who asks and calls a service; queries and transactions belong to services.",
      from: { path: "^src/http/" },
      // Types (a column's enum, a row's shape) may be named; values may not. Calls are beyond this checker:
      // test/unit/http-owns-no-transactions.test.ts refuses `.transaction(` in src/http.
      to: {
        path: "^src/db/(queries|schema|schema-all|bulk|client)|drizzle-orm",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "shared-features-stay-below",
      severity: "error",
      comment:
        "src/services is cut into feature folders; audit/, scoring/ and the files at its root (errors, idempotency) " +
        "are used by every feature and import none of them (docs/ARCHITECTURE.md, services).",
      from: { path: "^src/services/(audit/|scoring/|[^/]+\\.ts$)" },
      to: {
        path: "^src/services/(assessment|periods|reports|people|accounts|schemes|excel|documents|demo|compute)/",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "web-stays-in-the-browser",
      severity: "error",
      comment: "The front end may share the pure domain and the API's types, nothing else of the server.",
      from: { path: "^web/src/" },
      to: { path: "^src/(db|services|auth|storage|entry-)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.test\\.tsx?$" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".mjs"] },
  },
};
