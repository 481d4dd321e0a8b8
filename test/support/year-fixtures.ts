// Plausible self-reported values for the demo scheme, deterministic per person index, for workflow tests.

/** A tiny PNG (1×1) and a minimal PDF: real file signatures for evidence uploads. */
export const PNG_BYTES = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="),
  (ch) => ch.charCodeAt(0),
);
export const PDF_BYTES = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

/** Self-reported year-end values for person `i` of `category`. */
export function selfValues(i: number, category: "station" | "reassigned"): Record<string, number> {
  const v: Record<string, number> = {
    A1: 92 + (i % 7),
    A2: 104 + (i % 9),
    A3: 94 + (i % 5),
    A4: 70 + ((i * 3) % 17),
    B1: 180 + ((i * 13) % 80),
    B3: 88 + (i % 8),
    B4: 82 + ((i * 5) % 15),
    C1: i % 4 === 0 ? 98.5 : 100,
    C3: i % 6 === 0 ? 1 : 0,
    D1: (i % 5) * 0.5,
    D2: 34 + (i % 12),
    E1: i % 9 === 0 ? 1 : 0,
  };
  if (category === "station")
    Object.assign(v, { A5: 70 + (i % 20), B2: 90 + (i % 8), C2: 65 + ((i * 7) % 30) });
  else v.D4 = 72 + (i % 20);
  return v;
}

/** The indicators whose evidence the demo scheme requires (E1 only when there is a commendation). */
export function evidenceCodes(values: Record<string, number>): string[] {
  return ["A1", "A3", "B1", "D2", ...(values.E1 ? ["E1"] : [])];
}

export const RATINGS = ["优", "良", "中", "差"] as const;
