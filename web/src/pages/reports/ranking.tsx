import { api, call } from "../../api/client";
import { usePeriods } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { VetoBadge } from "../../ui/badges";
import { PageHeader } from "../../ui/page";
import { TableWrap } from "../../ui/table-wrap";
import { PrintHeader, SignatureBlock, WordLink } from "./print-header";

/** 乡镇综合得分排名 as a document to sign: the table alone, with its title, page numbers and signature block. */
export default function RankingPage() {
  const { m, fmt } = useI18n();
  const { current: period } = usePeriods();
  const state = useAsync(
    async () =>
      period ? call(api.reports.periods[":id"].townships.$get({ param: { id: String(period.id) } })) : null,
    [period?.id],
  );
  return (
    <section class="report ranking-document">
      <PageHeader
        title={m.documents.rankingTitle}
        subtitle={period?.name}
        actions={
          <>
            {period ? <WordLink href={`/api/v1/reports/periods/${period.id}/documents/ranking`} /> : null}{" "}
            <button type="button" class="button secondary" onClick={() => window.print()}>
              {m.common.print}
            </button>
          </>
        }
      />
      <AsyncView state={state}>
        {(ranking) =>
          ranking === null ? (
            <Empty>{m.common.noPeriod}</Empty>
          ) : (
            <>
              <PrintHeader
                title={
                  ranking.provisional
                    ? `${m.documents.rankingTitle}（${ranking.provisional.label}）`
                    : m.documents.rankingTitle
                }
                county={ranking.period.countyName}
                period={ranking.period.name}
              />
              <TableWrap>
                <table class="ranking-table">
                  <caption>
                    {ranking.results === "provisional"
                      ? m.figures.provisionalCaption
                      : m.reports.rankingCaption}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col" class="num">
                        {m.common.rank}
                      </th>
                      <th scope="col">{m.common.township}</th>
                      <th scope="col" class="num">
                        {m.reports.composite}
                      </th>
                      <th scope="col" class="num">
                        {ranking.results === "provisional" ? m.figures.scored : m.reports.members}
                      </th>
                      {ranking.gradeBands.map((band) => (
                        <th scope="col" class="num" key={band.grade}>
                          {band.label}
                        </th>
                      ))}
                      <th scope="col">{m.reports.marks}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ranking.items.map((row) => (
                      <tr key={row.townshipId} class={row.preVeto ? "pre-veto" : ""}>
                        <td class="num rank">{m.figures.rankOf(row.rank, row.rankOf)}</td>
                        <th scope="row">{row.name}</th>
                        <td class="num">{fmt.score(row.composite)}</td>
                        <td class="num">{row.scoredCount}</td>
                        {ranking.gradeBands.map((band) => (
                          <td class="num" key={band.grade}>
                            {(row.grades as Record<string, number>)[band.grade] ?? 0}
                          </td>
                        ))}
                        <td>
                          {row.preVeto ? <VetoBadge kind="preVeto" /> : null}{" "}
                          {row.hasVetoedMember ? <span class="badge red">{m.reports.hasVetoed}</span> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              <SignatureBlock kind="ranking" />
            </>
          )
        }
      </AsyncView>
    </section>
  );
}
