import type { DashboardResults } from "../../api/types";
import { Link } from "../../app/router";
import { useI18n } from "../../i18n/i18n";
import { VetoBadge } from "../../ui/badges";
import { TableWrap } from "../../ui/table-wrap";

/** 乡镇综合得分排名: composite, rank, members by grade; 预否决 rows and townships with a vetoed member marked. */
export function RankingTable(props: { results: DashboardResults }) {
  const { m, fmt } = useI18n();
  // Grade columns only with published results (a provisional ranking has no grades).
  const bands = props.results.grades?.bands ?? [];
  const provisional = props.results.results === "provisional";
  return (
    <TableWrap>
      <table class="ranking-table">
        <caption>{provisional ? m.figures.provisionalCaption : m.reports.rankingCaption}</caption>
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
              {provisional ? m.figures.scored : m.reports.members}
            </th>
            {bands.map((band) => (
              <th scope="col" class="num" key={band.grade}>
                {band.label}
              </th>
            ))}
            <th scope="col">{m.reports.marks}</th>
          </tr>
        </thead>
        <tbody>
          {props.results.townships.map((row) => (
            <tr key={row.townshipId} class={row.preVeto ? "pre-veto" : ""}>
              <td class="num rank">{m.figures.rankOf(row.rank, row.rankOf)}</td>
              <th scope="row">
                <Link href={`/reports/townships/${row.townshipId}`}>{row.name}</Link>
              </th>
              <td class="num">{fmt.score(row.composite)}</td>
              <td class="num">{row.scoredCount}</td>
              {bands.map((band) => (
                <td class="num" key={band.grade}>
                  {row.grades[band.grade] ?? 0}
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
  );
}
