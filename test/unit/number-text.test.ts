import { describe, expect, it } from "vitest";
import { outsideRange, parseTypedNumber } from "../../web/src/ui/number-text";

// Numbers as a clerk types them (#17): what an IME or a spreadsheet habit gives is read as meant; what cannot be
// read is refused with its reason.

describe("parseTypedNumber", () => {
  it("reads full-width digits, the IME's 。 and surrounding spaces", () => {
    expect(parseTypedNumber("１０８")).toEqual({ ok: true, value: 108 });
    expect(parseTypedNumber(" ９８．５ ")).toEqual({ ok: true, value: 98.5 });
    expect(parseTypedNumber("98。5")).toEqual({ ok: true, value: 98.5 });
    expect(parseTypedNumber("1 234")).toEqual({ ok: true, value: 1234 });
  });

  it("takes commas only as thousands separators", () => {
    expect(parseTypedNumber("1,234.5")).toEqual({ ok: true, value: 1234.5 });
    expect(parseTypedNumber("１，２３４")).toEqual({ ok: true, value: 1234 });
    expect(parseTypedNumber("98,5")).toEqual({ ok: false, problem: "notANumber" });
  });

  it("takes a trailing % on a percentage indicator, and says so on any other", () => {
    expect(parseTypedNumber("98.5%", { unit: "%" })).toEqual({ ok: true, value: 98.5 });
    expect(parseTypedNumber("98.5％", { unit: "%" })).toEqual({ ok: true, value: 98.5 });
    expect(parseTypedNumber("3‰", { unit: "‰" })).toEqual({ ok: true, value: 3 });
    expect(parseTypedNumber("98%", { unit: "人次" })).toEqual({ ok: false, problem: "notPercent" });
  });

  it("refuses what is not a value, with the reason", () => {
    expect(parseTypedNumber("abc")).toEqual({ ok: false, problem: "notANumber" });
    expect(parseTypedNumber("1e3")).toEqual({ ok: false, problem: "notANumber" });
    expect(parseTypedNumber("0x10")).toEqual({ ok: false, problem: "notANumber" });
    expect(parseTypedNumber("-5")).toEqual({ ok: false, problem: "negative" });
    expect(parseTypedNumber("98.555", { decimals: 2 })).toEqual({ ok: false, problem: "tooManyDecimals" });
    expect(parseTypedNumber("98.500", { decimals: 1 })).toEqual({ ok: true, value: 98.5 });
  });

  it("reads an empty box as not reported", () => {
    expect(parseTypedNumber("  ")).toEqual({ ok: true, value: null });
  });
});

describe("outsideRange", () => {
  it("flags values outside the plausible range, open bounds open", () => {
    expect(outsideRange(150, { min: 0, max: 100 })).toBe(true);
    expect(outsideRange(100, { min: 0, max: 100 })).toBe(false);
    expect(outsideRange(5000, { min: 0, max: null })).toBe(false);
    expect(outsideRange(5000, null)).toBe(false);
  });
});
