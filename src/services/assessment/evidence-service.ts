import { encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq } from "drizzle-orm";
import type { SessionUser } from "../../auth/session";
import type { Db } from "../../db/client";
import { findSheet, listSheetItems } from "../../db/queries/sheet-queries";
import { evidence, sheetItems, sheets } from "../../db/schema/sheet";
import type { EvidenceStorage } from "../../storage/evidence-storage";
import { recordAudit } from "../audit/audit";
import { missing, ServiceError } from "../errors";
import { displayFileName, evidenceFileName } from "./evidence-names";
import { extensionOfMime, sniffEvidenceType } from "./file-type";
import { selfDeadline, sheetForAction } from "./self-report-service";
import { assertSheetAccess } from "./sheet-access";

/** Largest evidence file accepted (bytes). */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const MAX_EVIDENCE_PER_ITEM = 10;

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new Uint8Array(bytes));
  return encodeHexLowerCase(new Uint8Array(digest));
}

/**
 * Stores an evidence file for one item of the caller's own draft sheet. The type is checked by content,
 * the SHA-256 recorded; the file is written before the row, and removed again if the row cannot be written.
 */
export async function uploadEvidence(
  db: Db,
  storage: EvidenceStorage,
  user: SessionUser,
  sheetId: number,
  code: string,
  file: UploadedFile,
  now: Date,
) {
  if (file.bytes.length === 0)
    throw new ServiceError(400, "EMPTY_FILE", "文件为空 The file is empty", [
      { path: "file", message: "文件为空 empty", code: "EMPTY_FILE" },
    ]);
  if (file.bytes.length > MAX_EVIDENCE_BYTES)
    throw new ServiceError(
      413,
      "FILE_TOO_LARGE",
      `文件超过 ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB The file is too large`,
      undefined,
      { maxMb: MAX_EVIDENCE_BYTES / 1024 / 1024 },
    );
  const type = sniffEvidenceType(file.bytes);
  if (!type)
    throw new ServiceError(
      415,
      "UNSUPPORTED_FILE_TYPE",
      "只接受 PDF、JPG、PNG、XLSX、DOCX 文件 Only PDF, JPG, PNG, XLSX and DOCX files are accepted",
      undefined,
      { accepted: ["PDF", "JPG", "PNG", "XLSX", "DOCX"] },
    );
  const sha256 = await sha256Hex(file.bytes);
  const key = `evidence/${user.countyId}/${sheetId}/${crypto.randomUUID()}.${type.extension}`;
  await storage.put(key, file.bytes, type.mime);
  try {
    return await db.transaction(async (tx) => {
      await sheetForAction(tx, user, sheetId, "self", "saveSelf", selfDeadline(now));
      const item = (await listSheetItems(tx, sheetId)).find((row) => row.indicator.code === code);
      if (item?.indicator.source !== "self") throw missing(`指标 ${code}`);
      const existing = await tx
        .select({ id: evidence.id })
        .from(evidence)
        .where(eq(evidence.sheetItemId, item.item.id));
      if (existing.length >= MAX_EVIDENCE_PER_ITEM)
        throw new ServiceError(
          409,
          "TOO_MANY_FILES",
          `每项最多 ${MAX_EVIDENCE_PER_ITEM} 个文件 At most ${MAX_EVIDENCE_PER_ITEM} files per item`,
          undefined,
          { max: MAX_EVIDENCE_PER_ITEM },
        );
      const [row] = await tx
        .insert(evidence)
        .values({
          countyId: user.countyId,
          sheetItemId: item.item.id,
          fileName: evidenceFileName(file.name, type.extension),
          contentType: type.mime,
          sizeBytes: file.bytes.length,
          sha256,
          storageKey: key,
          uploadedBy: user.id,
        })
        .returning();
      await recordAudit(tx, user, {
        action: "evidence.upload",
        entity: "sheet_item",
        entityId: `${sheetId}:${code}`,
        after: {
          evidenceId: row?.id,
          fileName: row?.fileName,
          uploadedName: displayFileName(file.name),
          sha256,
          sizeBytes: file.bytes.length,
        },
      });
      if (!row) throw new Error("evidence insert returned nothing");
      const { storageKey: _key, ...shown } = row;
      return shown;
    });
  } catch (error) {
    await storage.delete(key).catch(() => {});
    throw error;
  }
}

async function findEvidence(db: Db, user: SessionUser, evidenceId: number) {
  const [row] = await db
    .select({ evidence, sheetId: sheetItems.sheetId })
    .from(evidence)
    .innerJoin(sheetItems, eq(sheetItems.id, evidence.sheetItemId))
    .innerJoin(sheets, eq(sheets.id, sheetItems.sheetId))
    .where(and(eq(evidence.id, evidenceId), eq(evidence.countyId, user.countyId)));
  if (!row) throw missing("佐证材料");
  return row;
}

/** The bytes of an evidence file, for anyone who may read its sheet. */
export async function downloadEvidence(
  db: Db,
  storage: EvidenceStorage,
  user: SessionUser,
  evidenceId: number,
) {
  const row = await findEvidence(db, user, evidenceId);
  assertSheetAccess(user, await findSheet(db, user.countyId, row.sheetId), "read");
  const file = await storage.get(row.evidence.storageKey);
  if (!file) throw missing("佐证材料文件");
  // Rows stored before names took the detected type's extension are corrected on the way out.
  const fileName = evidenceFileName(row.evidence.fileName, extensionOfMime(row.evidence.contentType));
  return { ...file, fileName };
}

/** Removes an evidence file from the caller's own draft sheet. */
export async function deleteEvidence(
  db: Db,
  storage: EvidenceStorage,
  user: SessionUser,
  evidenceId: number,
  now: Date,
) {
  const row = await findEvidence(db, user, evidenceId);
  await db.transaction(async (tx) => {
    await sheetForAction(tx, user, row.sheetId, "self", "saveSelf", selfDeadline(now));
    await tx.delete(evidence).where(eq(evidence.id, evidenceId));
    const { storageKey: _key, ...before } = row.evidence;
    await recordAudit(tx, user, {
      action: "evidence.delete",
      entity: "sheet_item",
      entityId: row.sheetId,
      before,
    });
  });
  // After the commit: a failed file removal leaves an orphan file, never a row pointing at nothing.
  await storage.delete(row.evidence.storageKey).catch(() => {});
}
