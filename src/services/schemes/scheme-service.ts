import { and, desc, eq, max } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { indicators, schemes } from "../../db/schema/scheme";
import type { SchemeDocument } from "../../domain/scheme";
import { type Actor, recordAudit } from "../audit/audit";
import { inOwnTransaction } from "../transaction";

/** Stores a validated scheme document as the next version of its code, with its indicators as rows. */
export const importScheme = inOwnTransaction(importSchemeInTx);

async function importSchemeInTx(tx: DbOrTx, actor: Actor, document: SchemeDocument) {
  const [latest] = await tx
    .select({ version: max(schemes.version) })
    .from(schemes)
    .where(and(eq(schemes.countyId, actor.countyId), eq(schemes.code, document.code)));
  const version = (latest?.version ?? 0) + 1;
  const [scheme] = await tx
    .insert(schemes)
    .values({
      countyId: actor.countyId,
      code: document.code,
      version,
      name: document.name,
      year: document.year,
      document,
      createdBy: actor.id,
    })
    .returning({ id: schemes.id, code: schemes.code, version: schemes.version });
  if (!scheme) throw new Error("scheme insert returned nothing");
  let sortOrder = 0;
  const rows = document.categories.flatMap((category) =>
    category.indicators.map((indicator) => ({
      countyId: actor.countyId,
      schemeId: scheme.id,
      code: indicator.code,
      name: indicator.name,
      categoryCode: category.code,
      categoryName: category.name,
      unit: indicator.unit ?? null,
      points: indicator.points,
      ruleType: indicator.rule.type,
      source: indicator.source,
      evidenceRequired: indicator.evidenceRequired ?? false,
      appliesToStation: indicator.appliesTo.includes("station"),
      appliesToReassigned: indicator.appliesTo.includes("reassigned"),
      appliesToTownship: indicator.appliesTo.includes("township"),
      defaultTarget: indicator.target ?? null,
      sortOrder: sortOrder++,
    })),
  );
  await tx.insert(indicators).values(rows);
  await recordAudit(tx, actor, {
    action: "scheme.import",
    entity: "scheme",
    entityId: scheme.id,
    after: { code: scheme.code, version, name: document.name },
  });
  return scheme;
}

/** A stored scheme with its document, or undefined when it is not in the county. */
export async function getScheme(db: DbOrTx, countyId: number, schemeId: number) {
  const [row] = await db
    .select()
    .from(schemes)
    .where(and(eq(schemes.id, schemeId), eq(schemes.countyId, countyId)));
  return row;
}

/** A county's schemes, newest year and version first, without their documents. */
export function listSchemes(db: DbOrTx, countyId: number) {
  return db
    .select({
      id: schemes.id,
      code: schemes.code,
      version: schemes.version,
      name: schemes.name,
      year: schemes.year,
      createdAt: schemes.createdAt,
    })
    .from(schemes)
    .where(eq(schemes.countyId, countyId))
    .orderBy(desc(schemes.year), desc(schemes.version));
}
