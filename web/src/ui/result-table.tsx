import type { SheetItem } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { groupByCategory } from "./sheet-items";
import { TableWrap } from "./table-wrap";
import { FormattedValue } from "./value-input";

function differs(item: SheetItem): boolean {
  return item.verifiedValue !== null && item.selfValue !== null && item.verifiedValue !== item.selfValue;
}

/** A published sheet item by item: self value beside the verified one, the score and the assessor's reason. */
export function ResultTable(props: { items: readonly SheetItem[] }) {
  const { m, fmt } = useI18n();
  return (
    <>
      {groupByCategory(props.items).map((group) => (
        <TableWrap class="stack" key={group.code}>
          <table class="fixed result-table">
            <caption>
              <strong>
                {group.code} {group.name}
              </strong>
            </caption>
            <thead>
              <tr>
                <th scope="col">{m.common.indicator}</th>
                <th scope="col" class="num">
                  {m.common.points}
                </th>
                <th scope="col" class="num">
                  {m.common.target}
                </th>
                <th scope="col" class="num">
                  {m.result.selfValue}
                </th>
                <th scope="col" class="num">
                  {m.result.verifiedValue}
                </th>
                <th scope="col" class="num">
                  {m.common.score}
                </th>
                <th scope="col">{m.result.reason}</th>
              </tr>
            </thead>
            <tbody>
              {group.items.map((item) => (
                <tr key={item.code}>
                  <th scope="row">
                    {item.code} {item.name}
                    {item.vetoed ? <span class="badge red"> {m.common.vetoed}</span> : null}
                  </th>
                  <td class="num">
                    {/* 0-point bonus and veto items are labelled, not shown as 0 分. */}
                    {item.ruleType === "bonus" ? (
                      <span class="badge blue">{m.figures.bonusItem}</span>
                    ) : item.ruleType === "veto" ? (
                      <span class="badge red">{m.figures.vetoItem}</span>
                    ) : (
                      fmt.points(item.points)
                    )}
                  </td>
                  <td class="num">{fmt.measure(item.target, item)}</td>
                  <td class="num">
                    <FormattedValue value={item.selfValue} indicator={item} />
                  </td>
                  <td class={`num ${differs(item) ? "changed-value" : ""}`}>
                    <FormattedValue value={item.verifiedValue ?? item.selfValue} indicator={item} />
                    {differs(item) ? <span class="visually-hidden"> {m.result.changed}</span> : null}
                  </td>
                  <td class="num">{fmt.score(item.score)}</td>
                  <td class="reason">{item.changeReason ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ))}
    </>
  );
}
