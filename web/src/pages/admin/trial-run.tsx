import type { InferResponseType } from "hono/client";
import { useMemo, useState } from "preact/hooks";
import { api, call } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import { problemsByPath } from "../../ui/errors";
import { TableWrap } from "../../ui/table-wrap";
import { countsToText, textToValue, ValueInput } from "../../ui/value-input";
import { type Indicator, indicatorsOf, kindOf, type SchemeDocument } from "./scheme-doc";

type Preview = InferResponseType<typeof api.schemes.preview.$post, 200>;

interface SamplePerson {
  employeeNo: string;
  name: string;
  township: string;
  category: "station" | "reassigned";
  values: Record<string, string>;
}

/** A value that just meets the indicator's target, as text. */
function meetingValue(indicator: Indicator, share: number): string {
  switch (indicator.rule.type) {
    case "veto":
      return "false";
    case "rating":
      return Object.keys(indicator.rule.levels)[share >= 1 ? 0 : 1] ?? "";
    case "deduction":
      return share >= 1 ? "0" : "2";
    case "bonus":
      return share >= 1 ? "1" : "0";
    case "incidents":
      return countsToText(
        Object.fromEntries(indicator.rule.kinds.map((kind) => [kind.label, share >= 1 ? 0 : 1])),
      );
    default:
      return String(Math.round((indicator.target ?? 100) * share * 100) / 100);
  }
}

function samplePeople(doc: SchemeDocument, m: ReturnType<typeof useI18n>["m"]): SamplePerson[] {
  const shares: [string, number, SamplePerson["category"], string][] = [
    ["T01", 1, "station", m.schemes.trial.sampleTownshipA],
    ["T02", 0.92, "station", m.schemes.trial.sampleTownshipA],
    ["T03", 0.8, "reassigned", m.schemes.trial.sampleTownshipB],
    ["T04", 0.7, "station", m.schemes.trial.sampleTownshipB],
  ];
  return shares.map(([employeeNo, share, category, township], index) => ({
    employeeNo,
    name: m.schemes.trial.sampleName(index + 1),
    township,
    category,
    values: Object.fromEntries(indicatorsOf(doc).map((i) => [i.code, meetingValue(i, share)])),
  }));
}

/** 试算: score sample people under the scheme being edited, through the server's engine; nothing is stored. */
export function TrialRun(props: { doc: SchemeDocument; onSchemeProblems: (error: unknown) => void }) {
  const { m, fmt } = useI18n();
  const t = m.schemes.trial;
  const indicators = useMemo(() => indicatorsOf(props.doc), [props.doc]);
  const [people, setPeople] = useState(() => samplePeople(props.doc, m));
  const [result, setResult] = useState<Preview | null>(null);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [busy, setBusy] = useState(false);

  const setValue = (row: number, code: string, text: string) =>
    setPeople(people.map((p, i) => (i === row ? { ...p, values: { ...p.values, [code]: text } } : p)));

  const run = async () => {
    setBusy(true);
    const local = new Map<string, string>();
    const body = people.map((person, row) => {
      const values: Record<string, number | boolean | string | Record<string, number | number[]>> = {};
      for (const indicator of indicators) {
        if (!indicator.appliesTo.includes(person.category)) continue;
        const value = textToValue(person.values[indicator.code] ?? "", kindOf(indicator));
        if (value === undefined) local.set(`people[${row}].values.${indicator.code}`, m.schemes.notANumber);
        else if (value !== null) values[indicator.code] = value;
      }
      return {
        employeeNo: person.employeeNo,
        name: person.name,
        township: person.township,
        category: person.category,
        values,
      };
    });
    if (local.size > 0) {
      setErrors(local);
      setBusy(false);
      return;
    }
    try {
      setResult(await call(api.schemes.preview.$post({ json: { scheme: props.doc, people: body } })));
      setErrors(new Map());
    } catch (error) {
      const problems = problemsByPath(error, m);
      setErrors(problems);
      if ([...problems.keys()].some((path) => path.startsWith("scheme"))) props.onSchemeProblems(error);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  const gradeName = (grade: string) =>
    props.doc.gradeBands.find((b) => b.grade === grade)?.label || m.grades[grade] || grade;
  // 合格（优秀名额已满）: the grade the quota left, with the reason beside it.
  const gradeText = (row: Preview["people"][number]) =>
    row.quotaDemoted ? t.quotaDemoted(gradeName(row.grade)) : gradeName(row.grade);
  const vetoReason = (row: Preview["people"][number]) => {
    const named = row.vetoedBy.map((code) => {
      const indicator = indicators.find((i) => i.code === code);
      return indicator ? `${code} ${indicator.name}` : code;
    });
    return named.length > 0 ? t.vetoedBy(named.join("、")) : t.vetoedByTotal(props.doc.vetoTotalBelow ?? 0);
  };

  return (
    <section class="card trial-run" aria-labelledby="trial-title">
      <h2 id="trial-title">{t.title}</h2>
      <p class="muted">{t.explain}</p>
      <TableWrap class="trial-input">
        <table>
          <caption>{t.inputCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.common.person}</th>
              {indicators.map((i) => (
                <th scope="col" key={i.code}>
                  <abbr title={i.name}>{i.code}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {people.map((person, row) => (
              <tr key={person.employeeNo}>
                <th scope="row" class="nowrap">
                  {person.name}
                  <div class="muted">
                    {person.township} · {m.categories[person.category]}
                  </div>
                </th>
                {indicators.map((indicator) => {
                  const path = `people[${row}].values.${indicator.code}`;
                  const applies = indicator.appliesTo.includes(person.category);
                  return (
                    <td key={indicator.code}>
                      {applies ? (
                        <ValueInput
                          id={`trial-${row}-${indicator.code}`}
                          kind={kindOf(indicator)}
                          text={person.values[indicator.code] ?? ""}
                          onText={(text) => setValue(row, indicator.code, text)}
                          ratingLevels={
                            indicator.rule.type === "rating" ? Object.keys(indicator.rule.levels) : undefined
                          }
                          invalid={errors.has(path)}
                          describedBy={errors.has(path) ? `trial-${row}-${indicator.code}-error` : undefined}
                          ariaLabel={t.cellLabel(person.name, indicator.code, indicator.name)}
                        />
                      ) : (
                        <span class="muted" title={t.notApplicable}>
                          {m.common.dash}
                        </span>
                      )}
                      {errors.has(path) ? (
                        <p class="field-error" id={`trial-${row}-${indicator.code}-error`}>
                          {errors.get(path)}
                        </p>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <button
        type="button"
        class="button primary"
        disabled={busy}
        onClick={run}
        style={{ marginTop: "0.75rem" }}
      >
        {busy ? t.running : t.run}
      </button>
      {result ? (
        <div class="grid-2" aria-live="polite">
          <TableWrap>
            <table>
              <caption>{t.peopleCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.common.person}</th>
                  <th scope="col" class="num">
                    {m.common.base}
                  </th>
                  <th scope="col" class="num">
                    {m.common.bonus}
                  </th>
                  <th scope="col" class="num">
                    {m.common.total}
                  </th>
                  <th scope="col">{m.common.grade}</th>
                  <th scope="col">{t.vetoReason}</th>
                  <th scope="col" class="num">
                    {m.common.rank}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.people.map((row) => (
                  <tr key={row.employeeNo}>
                    <th scope="row">
                      {people.find((p) => p.employeeNo === row.employeeNo)?.name ?? row.employeeNo}
                    </th>
                    <td class="num">{fmt.score(row.base)}</td>
                    <td class="num">{fmt.score(row.bonus)}</td>
                    <td class="num">{fmt.score(row.total)}</td>
                    <td>{gradeText(row)}</td>
                    <td>{row.vetoed ? vetoReason(row) : m.common.dash}</td>
                    <td class="num">{row.rank}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <TableWrap>
            <table>
              <caption>{t.townshipsCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.common.township}</th>
                  <th scope="col" class="num">
                    {m.reports.composite}
                  </th>
                  <th scope="col" class="num">
                    {m.common.rank}
                  </th>
                  <th scope="col">{m.common.preVeto}</th>
                </tr>
              </thead>
              <tbody>
                {result.townships.map((row) => (
                  <tr key={row.name} class={row.preVeto ? "pre-veto" : ""}>
                    <th scope="row">{row.name}</th>
                    <td class="num">{fmt.score(row.composite)}</td>
                    <td class="num">{row.rank}</td>
                    <td>{row.preVeto ? m.common.yes : m.common.no}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      ) : null}
    </section>
  );
}
