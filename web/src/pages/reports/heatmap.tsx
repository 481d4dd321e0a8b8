import { useState } from "preact/hooks";
import type { DashboardResults } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { SelectField } from "../../ui/field";
import { TableWrap } from "../../ui/table-wrap";

type Measure = "scoreShare" | "completionRate";

/** A colour from red (0) through amber to green (1) for a share; grey when there is none. */
function shade(value: number | null | undefined): string {
  if (value === null || value === undefined) return "#eceff3";
  const clamped = Math.max(0, Math.min(1, value));
  const hue = Math.round(clamped * 120);
  return `hsl(${hue} 60% ${88 - clamped * 18}%)`;
}

/** 指标完成情况热力图: townships × indicators, coloured by score share or completion rate. */
export function Heatmap(props: { results: DashboardResults; indicators: { code: string; name: string }[] }) {
  const { m, fmt } = useI18n();
  const [measure, setMeasure] = useState<Measure>("scoreShare");
  const { townships, county } = props.results.matrix;
  const codes = props.indicators.filter(
    (i) => county[i.code]?.[measure] !== null && county[i.code] !== undefined,
  );
  return (
    <div>
      <div class="toolbar no-print">
        <SelectField
          label={m.reports.heatmapMeasure}
          value={measure}
          onValue={(value) => setMeasure(value === "completionRate" ? "completionRate" : "scoreShare")}
          options={[
            { value: "scoreShare", label: m.reports.scoreShare },
            { value: "completionRate", label: m.reports.completionRate },
          ]}
        />
        <p class="legend-scale" aria-hidden="true">
          <span class="legend-swatch" style={{ background: shade(0.5) }} /> 50%
          <span class="legend-swatch" style={{ background: shade(0.8) }} /> 80%
          <span class="legend-swatch" style={{ background: shade(1) }} /> 100%
        </p>
      </div>
      <TableWrap>
        <table class="heatmap">
          <caption>
            {measure === "scoreShare" ? m.reports.heatmapScoreCaption : m.reports.heatmapRateCaption}
          </caption>
          <thead>
            <tr>
              <th scope="col">{m.common.township}</th>
              {codes.map((indicator) => (
                <th scope="col" key={indicator.code} title={indicator.name}>
                  <abbr title={indicator.name}>{indicator.code}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {townships.map((row) => (
              <tr key={row.townshipId}>
                <th scope="row">{row.name}</th>
                {codes.map((indicator) => {
                  const value = row.cells[indicator.code]?.[measure];
                  return (
                    <td key={indicator.code} style={{ background: shade(value) }}>
                      {fmt.percent(value, 0)}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr class="county-row">
              <th scope="row">{m.reports.county}</th>
              {codes.map((indicator) => {
                const value = county[indicator.code]?.[measure];
                return (
                  <td key={indicator.code} style={{ background: shade(value) }}>
                    {fmt.percent(value, 0)}
                  </td>
                );
              })}
            </tr>
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}
