import { expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../src/auth/password";

// The hash format is self-describing (`scrypt$N$r$p$salt$key`), so hashes made on Node verify in workerd
// and back. RFC 7914 §12's third test vector, first 32 bytes of the key: P "pleaseletmein",
// S "SodiumChloride", N 16384, r 8, p 1.
const RFC_7914_HASH = "scrypt$16384$8$1$U29kaXVtQ2hsb3JpZGU=$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI=";

it("verifies a standard scrypt hash with workerd's node:crypto", async () => {
  expect(await verifyPassword("pleaseletmein", RFC_7914_HASH)).toBe(true);
  expect(await verifyPassword("pleaseletmeout", RFC_7914_HASH)).toBe(false);
});

it("hashes with the default parameters and verifies its own hash", async () => {
  const hash = await hashPassword("考核-2026");
  expect(hash).toMatch(/^scrypt\$16384\$8\$5\$/);
  expect(await verifyPassword("考核-2026", hash)).toBe(true);
  expect(await verifyPassword("考核-2025", hash)).toBe(false);
});
