import { api, call } from "../../api/client";
import { usePeriods, useUser } from "../../app/session";
import { useSchemeDocument } from "../../app/use-data";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { PageHeader } from "../../ui/page";
import { describeRule } from "../../ui/rule-text";
import { TableWrap } from "../../ui/table-wrap";

/** 我的目标: every indicator that applies to me this period, its points, my target and how it is scored. */
export default function MyTargetsPage() {
  const { m, fmt } = useI18n();
  const user = useUser();
  const { current: period } = usePeriods();
  const scheme = useSchemeDocument(period);
  const targets = useAsync(async () => {
    if (!period) return [];
    return (await call(api.periods[":id"].targets.$get({ param: { id: String(period.id) }, query: {} })))
      .items;
  }, [period?.id]);
  const category = user.person?.category ?? "station";

  return (
    <section>
      <PageHeader title={m.nav.myTargets} subtitle={period?.name} />
      {!period ? <Empty>{m.common.noPeriod}</Empty> : null}
      <AsyncView state={scheme}>
        {(loaded) =>
          loaded ? (
            <AsyncView state={targets}>
              {(rows) => {
                const byCode = new Map(rows.map((row) => [row.indicatorCode, row]));
                return loaded.document.categories.map((cat) => {
                  const indicators = cat.indicators.filter((i) => i.appliesTo.includes(category));
                  if (indicators.length === 0) return null;
                  return (
                    <TableWrap class="stack" key={cat.code}>
                      <table class="fixed">
                        <caption>
                          <strong>
                            {cat.code} {cat.name}
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
                            <th scope="col">{m.targets.rule}</th>
                            <th scope="col">{m.targets.source}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {indicators.map((indicator) => {
                            const target = byCode.get(indicator.code);
                            return (
                              <tr key={indicator.code}>
                                <th scope="row">
                                  {indicator.code} {indicator.name}
                                  {indicator.source === "assessor" ? (
                                    <span class="badge" style={{ marginLeft: "0.4rem" }}>
                                      {m.targets.byAssessor}
                                    </span>
                                  ) : null}
                                </th>
                                <td class="num">{fmt.points(indicator.points)}</td>
                                <td class="num">
                                  {target ? fmt.measure(target.value, target) : m.common.dash}
                                </td>
                                <td>{describeRule(indicator, m, fmt)}</td>
                                <td>
                                  {target ? m.targets.sources[target.source] : m.common.dash}
                                  {target?.reason ? <div class="muted">{target.reason}</div> : null}
                                </td>
                              </tr>
                            );
                          })}
                        </tbody>
                      </table>
                    </TableWrap>
                  );
                });
              }}
            </AsyncView>
          ) : null
        }
      </AsyncView>
    </section>
  );
}
