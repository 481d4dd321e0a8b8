import { Hono } from "hono";
import { z } from "zod";
import { deleteEvidence, downloadEvidence, uploadEvidence } from "../../services/assessment/evidence-service";
import { extensionOfMime } from "../../services/assessment/file-type";
import { invalid } from "../../services/errors";
import { attachmentDisposition } from "../../services/excel/file-names";
import type { AppEnv } from "../env";
import { currentUser, roles } from "../guards";
import { PREVIEW_HEADERS } from "../security-middleware";
import { idParam, idSchema, validate } from "../validation";

// Shown inline in the app (images, PDF); any other type is always a download.
const PREVIEWABLE = new Set(["application/pdf", "image/png", "image/jpeg"]);
const downloadQuery = z.object({ preview: z.enum(["1"]).optional() });

const itemParam = z.object({ id: idSchema, code: z.string().trim().min(1).max(32) });

/** Evidence upload on a sheet item (multipart field `file`). */
export function evidenceUploadRoutes() {
  return new Hono<AppEnv>().post(
    "/:id/items/:code/evidence",
    roles("staff", "township"),
    validate("param", itemParam),
    async (c) => {
      const user = currentUser(c);
      const contentType = c.req.header("content-type") ?? "";
      if (!contentType.startsWith("multipart/form-data"))
        throw invalid("请以 multipart/form-data 上传文件 Upload as multipart/form-data", [
          { path: "file", message: "multipart body expected" },
        ]);
      const form = await c.req.parseBody().catch(() => {
        throw invalid("无法读取上传内容 Unreadable upload", [
          { path: "file", message: "malformed multipart body" },
        ]);
      });
      const file = form.file;
      if (!(file instanceof File)) throw invalid("缺少文件 No file", [{ path: "file", message: "required" }]);
      const { id, code } = c.req.valid("param");
      const bytes = new Uint8Array(await file.arrayBuffer());
      const row = await uploadEvidence(
        c.var.db,
        c.var.storage,
        user,
        id,
        code,
        { name: file.name, bytes },
        c.var.now,
      );
      return c.json({ evidence: row }, 201);
    },
  );
}

/** Evidence download and removal. */
export function evidenceRoutes() {
  return new Hono<AppEnv>()
    .get(
      "/:id",
      roles("staff", "township", "assessor", "admin"),
      validate("param", idParam),
      validate("query", downloadQuery),
      async (c) => {
        const file = await downloadEvidence(c.var.db, c.var.storage, currentUser(c), c.req.valid("param").id);
        c.header("content-type", file.contentType);
        const fallback = `evidence-${c.req.valid("param").id}.${extensionOfMime(file.contentType)}`;
        const disposition = attachmentDisposition(file.fileName, fallback);
        if (c.req.valid("query").preview && PREVIEWABLE.has(file.contentType)) {
          c.header("content-disposition", disposition.replace(/^attachment/, "inline"));
          for (const [name, value] of Object.entries(PREVIEW_HEADERS)) c.header(name, value);
        } else c.header("content-disposition", disposition);
        c.header("x-content-type-options", "nosniff");
        return c.body(new Uint8Array(file.bytes));
      },
    )
    .delete("/:id", roles("staff", "township"), validate("param", idParam), async (c) => {
      await deleteEvidence(c.var.db, c.var.storage, currentUser(c), c.req.valid("param").id, c.var.now);
      return c.json({ ok: true });
    });
}
