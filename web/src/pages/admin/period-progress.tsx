import type { PeriodDetail } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { TableWrap } from "../../ui/table-wrap";

type Counts = NonNullable<PeriodDetail["counts"]>;

/** 各乡镇进度: sheets by township and status (exempt ones apart), with the county's totals. */
export function PeriodProgress(props: { counts: Counts }) {
  const { m } = useI18n();
  const { counts } = props;
  // Columns in the life-cycle order of the catalogue, only those that occur; exempt last.
  const statuses = Object.keys(m.status.sheet).filter((s) => (counts.byStatus[s] ?? 0) > 0);
  const columns = counts.exempt > 0 ? [...statuses, "exempt"] : statuses;
  const label = (key: string) =>
    key === "exempt" ? m.exempt.title : ((m.status.sheet as Record<string, string>)[key] ?? key);
  const cell = (value: number | undefined) => (value ? value : <span class="muted">0</span>);
  return (
    <TableWrap class="stack">
      <table class="progress-table">
        <caption>
          <strong>{m.yearAdmin.progress}</strong> · {m.yearAdmin.progressCaption(counts.total, counts.exempt)}
        </caption>
        <thead>
          <tr>
            <th scope="col">{m.common.township}</th>
            {columns.map((key) => (
              <th scope="col" class="num" key={key}>
                {label(key)}
              </th>
            ))}
            <th scope="col" class="num">
              {m.yearAdmin.total}
            </th>
          </tr>
        </thead>
        <tbody>
          {counts.byTownship.map((row) => (
            <tr key={row.townshipId}>
              <th scope="row">{row.township}</th>
              {columns.map((key) => (
                <td class="num" key={key}>
                  {cell(row.byStatus[key])}
                </td>
              ))}
              <td class="num">{Object.values(row.byStatus).reduce((sum, n) => sum + n, 0)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{m.yearAdmin.total}</th>
            {columns.map((key) => (
              <td class="num" key={key}>
                {cell(counts.byStatus[key])}
              </td>
            ))}
            <td class="num">{counts.total}</td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}
