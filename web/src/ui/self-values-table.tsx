import type { Evidence, SheetItem } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { EvidenceList } from "./evidence";
import { groupByCategory } from "./sheet-items";
import { TableWrap } from "./table-wrap";
import { FormattedValue } from "./value-input";

/** What a person reported, item by item, with notes and evidence: the township's review view. */
export function SelfValuesTable(props: {
  items: readonly SheetItem[];
  onPreview?: (file: Evidence) => void;
  previewId?: number | undefined;
}) {
  const { m, fmt } = useI18n();
  return (
    <>
      {groupByCategory(props.items.filter((item) => item.source === "self")).map((group) => (
        <TableWrap class="stack" key={group.code}>
          <table class="fixed responsive">
            <caption>
              <strong>
                {group.code} {group.name}
              </strong>
            </caption>
            <thead>
              <tr>
                <th scope="col">{m.common.indicator}</th>
                <th scope="col" class="num">
                  {m.common.target}
                </th>
                <th scope="col" class="num">
                  {m.result.selfValue}
                </th>
                <th scope="col" class="num">
                  {m.result.selfScore}
                </th>
                <th scope="col">{m.common.note}</th>
                <th scope="col">{m.evidence.title}</th>
              </tr>
            </thead>
            <tbody>
              {group.items.map((item) => (
                <tr key={item.code}>
                  <th scope="row">
                    {item.code} {item.name}
                  </th>
                  <td class="num" data-label={m.common.target}>
                    {fmt.measure(item.target, item)}
                  </td>
                  <td class="num" data-label={m.result.selfValue}>
                    <FormattedValue value={item.selfValue} indicator={item} />
                  </td>
                  <td class="num" data-label={m.result.selfScore}>
                    {fmt.score(item.selfScore)}
                  </td>
                  <td class="note-cell" data-label={m.common.note}>
                    {item.note ?? ""}
                  </td>
                  <td class="wide-cell" data-label={m.evidence.title}>
                    <EvidenceList
                      files={item.evidence}
                      onPreview={props.onPreview}
                      previewId={props.previewId}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ))}
    </>
  );
}
