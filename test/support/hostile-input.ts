import fc from "fast-check";

// Arbitraries for what a hostile or broken client sends: values of the wrong type, hostile strings,
// huge and deeply nested values, malformed JSON text, garbage path segments and content types.

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
};

/** Nests `[[[…]]]` or `{"a":{"a":…}}` `depth` levels deep. */
export function nested(depth: number, kind: "array" | "object"): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = kind === "array" ? [value] : { a: value };
  return value;
}

/** Strings that have broken software before: RTL overrides, emoji sequences, NUL, BOM, SQL, format strings. */
export const nastyStrings = fc.constantFrom(
  "",
  " ",
  "\u202Etxt.exe\u202C",
  "مرحبا بالعالم",
  "שלום",
  "👨‍👩‍👧‍👦🏳️‍🌈𝕏😀",
  "\u0000",
  "a\u0000b",
  "\uFEFFbom",
  "\u200B\u200C\u200D",
  "Z̴̡̪͔̈́͝a̷l̸g̵o̶",
  "NaN",
  "Infinity",
  "-1",
  "1e400",
  "0x10",
  "１２３",
  "١٢٣",
  "<script>alert(1)</script>",
  "'; drop table sheets; --",
  "%s%n%x",
  "../../../../etc/passwd",
  "__proto__",
  "constructor",
  "优",
  "良 ",
  "null",
  "true",
);

/** Numbers a validator must refuse or handle: negative, huge, fractional, unsafe integers. */
export const nastyNumbers = fc.constantFrom(
  -1,
  -0,
  0,
  0.1 + 0.2,
  1.005,
  1e-320,
  2 ** 31,
  2 ** 31 - 1,
  2 ** 53 + 2,
  -(2 ** 53),
  1e21,
  1e308,
  -1e308,
  999_999_999.99999,
  1e9 + 1,
);

/** Any value a hostile client might put where something else was expected. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyStrings },
  { weight: 4, arbitrary: nastyNumbers },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 2, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.integer({ min: 2_001, max: 300_000 }).map((n) => "字".repeat(n)) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 201, max: 25_000 }).map((n) => Array.from({ length: n }, () => 1)),
  },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 3_000 }).map((d) => nested(d, "array")) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 3_000 }).map((d) => nested(d, "object")) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3, stringUnit: "grapheme" }) },
);

/** A value that satisfies a JSON schema (as far as this simple reading of it goes). */
function validValue(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return fc.oneof(...options.map((o) => validValue(o, depth)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object": {
      const props = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      return fc.record(Object.fromEntries(props.map(([k, s]) => [k, nearValid(s, depth + 1)])), {
        requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)),
      });
    }
    case "array":
      return fc.array(nearValid(schema.items ?? {}, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, Math.max(schema.minItems ?? 0, 4)),
      });
    case "string":
      if (schema.format === "date")
        return fc.constantFrom("2026-01-10", "2026-02-30", "2027-12-31", "1999-01-01", "2026-1-1");
      if (schema.pattern) return fc.constantFrom("fuzz_user", "a", "x".repeat(65), "名字");
      return fc.oneof(
        fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 20, 20) }),
        fc.constantFrom("A1", "B1", "D3", "V1", "E1", "优", "理由 reason"),
      );
    case "integer":
      return fc.integer({
        min: Math.max(schema.minimum ?? (schema.exclusiveMinimum ?? -1) + 1, -1e6),
        max: Math.min(schema.maximum ?? 1e6, 1e6),
      });
    case "number":
      return fc.double({
        min: Math.max(schema.minimum ?? -1e6, -1e6),
        max: Math.min(schema.maximum ?? 1e6, 1e6),
        noNaN: true,
      });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Mostly a valid value for the schema, sometimes (and at any depth) a hostile one instead. */
export function nearValid(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 4) return hostileValue;
  return fc.oneof(
    { weight: 5, arbitrary: validValue(schema, depth) },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** JSON text that is not valid JSON, or valid JSON that JavaScript reads surprisingly. */
export const malformedJsonText = fc.oneof(
  fc.constantFrom(
    "",
    "{",
    "}",
    "[1,2",
    "{'version':1}",
    '{"version":1,}',
    '{"version":1 "items":[]}',
    "NaN",
    "undefined",
    "1e400",
    '{"version":1e400}',
    '{"version":-1e400}',
    '{"value":-0}',
    '{"version":1,"version":"2","items":[],"items":{}}',
    '{"reason":"a","reason":null}',
    '\uFEFF{"version":1}',
    '{"__proto__":{"isAdmin":true},"version":1}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '"\\ud800"',
    '{"reason":"\\ud800\\udfff\\u0000"}',
    "null",
    "true",
    '"just a string"',
    "[]",
    `{"version":${"9".repeat(400)}}`,
    `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
    `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`,
    `${"[".repeat(10_000)}`,
  ),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)),
);

/** Replaces one number of a JSON text by a token JSON.parse turns into ±Infinity, -0 or a rounded value. */
export function withExtremeNumber(text: string, token: string): string {
  return text.replace(/(:\s*)-?\d+(\.\d+)?/, `$1${token}`);
}

export const extremeNumberToken = fc.constantFrom(
  "1e400",
  "-1e400",
  "-0",
  "1e-400",
  "12345678901234567890123",
);

/** Path segments that are not a valid id or code. */
export const garbageSegment = fc.oneof(
  fc.constantFrom(
    "0",
    "-1",
    "1e400",
    "1e3",
    "NaN",
    "Infinity",
    "1.5",
    "0x1f",
    "2147483648",
    "99999999999999999999999",
    "%00",
    "%2e%2e",
    "%2F",
    "null",
    "[]",
    " 1",
    "1 ",
    "١٢",
    "１２",
    "%F0%9F%98%80",
    "%E2%80%AE",
    "%ED%A0%80",
    "%FF",
    "%",
    "%%",
    "x".repeat(3000),
  ),
  fc.string({ unit: "grapheme", maxLength: 30 }).map(encodeSegment),
  fc.integer({ min: -1_000_000, max: 2 ** 33 }).map(String),
);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Percent-encodes a path segment (lone surrogates, which encodeURIComponent refuses, become U+FFFD). */
export function encodeSegment(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, "\ufffd")) || "%20";
}

/** Content types for a body: right, almost right and wrong. */
export const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant("application/json") },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "application/vnd.api+json",
      "application/json; charset=utf-16",
      "text/plain",
      "text/html",
      "application/xml",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
      "multipart/form-data; boundary=zzz",
      "application/octet-stream",
      "",
      "*/*",
    ),
  },
);
