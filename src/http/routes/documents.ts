import type { Document } from "docx";
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { chinaDate } from "../../domain/deadlines";
import { attachmentDisposition, exportFileName } from "../../services/excel/file-names";
import { buildPersonReport } from "../../services/reports/report-person-service";
import { buildTownshipRanking } from "../../services/reports/report-service";
import { buildTownshipReport } from "../../services/reports/report-township-service";
import type { AppEnv } from "../env";
import { currentUser, roles, signedIn } from "../guards";
import { idSchema, validate } from "../validation";

// docx is loaded with the first document asked for, not at start-up (issue 21): most processes never build one.
const documents = () => import("../../services/documents/report-documents");
const blocks = () => import("../../services/documents/docx-blocks");

const periodParam = z.object({ id: idSchema });
const townshipParam = z.object({ id: idSchema, townshipId: idSchema });
const personParam = z.object({ id: idSchema, personId: idSchema });

async function sendDocument(c: Context<AppEnv>, doc: Document, parts: string[], ascii: string) {
  const date = chinaDate(c.var.now);
  const { DOCX_TYPE, documentBytes } = await blocks();
  c.header(
    "content-disposition",
    attachmentDisposition(exportFileName([...parts, date], "docx"), `${ascii}_${date}.docx`),
  );
  c.header("content-type", DOCX_TYPE);
  return c.body(await documentBytes(doc));
}

/**
 * Signable documents as .docx (issue 18): the personal and township year-end reports and the ranking table,
 * built from the same answers as the JSON reports, under the same scope rules (src/services/reports/report-access.ts).
 */
export function documentRoutes() {
  return new Hono<AppEnv>()
    .get("/periods/:id/documents/ranking", signedIn, validate("param", periodParam), async (c) => {
      const ranking = await buildTownshipRanking(c.var.db, currentUser(c), c.req.valid("param").id);
      const doc = (await documents()).rankingDocument(ranking, chinaDate(c.var.now));
      const { countyName, name, year } = ranking.period;
      return sendDocument(c, doc, [countyName, name, "乡镇综合得分排名"], `kaohe_${year}_ranking`);
    })
    .get(
      "/periods/:id/documents/townships/:townshipId",
      roles("admin", "assessor", "viewer", "township"),
      validate("param", townshipParam),
      async (c) => {
        const { id, townshipId } = c.req.valid("param");
        const report = await buildTownshipReport(c.var.db, currentUser(c), id, townshipId, c.var.now);
        const doc = (await documents()).townshipReportDocument(report, chinaDate(c.var.now));
        const { countyName, name, year } = report.period;
        return sendDocument(
          c,
          doc,
          [countyName, name, report.township.name, "乡镇年度考核报告"],
          `kaohe_${year}_township`,
        );
      },
    )
    .get("/periods/:id/documents/people/:personId", signedIn, validate("param", personParam), async (c) => {
      const { id, personId } = c.req.valid("param");
      const report = await buildPersonReport(c.var.db, currentUser(c), id, personId);
      const doc = (await documents()).personReportDocument(report, chinaDate(c.var.now));
      const { countyName, name, year } = report.period;
      return sendDocument(
        c,
        doc,
        [countyName, name, `${report.person.name}（${report.person.employeeNo}）`, "个人年度考核报告"],
        `kaohe_${year}_person_${report.person.employeeNo}`,
      );
    });
}
