import { useState } from "preact/hooks";
import { api, call } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { describeFailure } from "../../ui/errors";

/**
 * 分解检查: the township target of each indicator (editable) and whether its people's targets add up to it,
 * live as cells are edited.
 */
export function DecompositionRow(props: {
  periodId: number;
  townshipId: number;
  indicators: { code: string; name: string; decimals: number; additive: boolean }[];
  decomposition: { indicatorCode: string; townshipTarget: number }[];
  columnSum: (code: string) => number;
  editable: boolean;
  onSaved: () => void;
}) {
  const { m, fmt } = useI18n();
  const announce = useAnnounce();
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [error, setError] = useState("");
  const targetOf = (code: string) =>
    props.decomposition.find((d) => d.indicatorCode === code)?.townshipTarget;

  const saveTownshipTarget = async (code: string) => {
    const text = texts[code];
    if (text === undefined) return;
    const value = Number(text);
    if (text.trim() === "" || !Number.isFinite(value) || value < 0) {
      setError(m.progress.invalidNumber);
      return;
    }
    if (value === targetOf(code)) return;
    try {
      await call(
        api.periods[":id"]["township-targets"].$put({
          param: { id: String(props.periodId) },
          json: { townshipId: props.townshipId, indicatorCode: code, value },
        }),
      );
      announce(m.targets.townshipTargetSaved(code));
      setError("");
      props.onSaved();
    } catch (failure) {
      setError(describeFailure(failure, m));
    }
  };

  return (
    <>
      <tr>
        <th scope="row">{m.targets.townshipTarget}</th>
        {props.indicators.map((indicator) => {
          const target = targetOf(indicator.code);
          return (
            <td key={indicator.code}>
              <input
                type="text"
                inputMode="decimal"
                aria-label={m.targets.townshipTargetFor(indicator.code, indicator.name)}
                disabled={!props.editable}
                value={texts[indicator.code] ?? (target === undefined ? "" : String(target))}
                placeholder={m.common.dash}
                onInput={(event) => setTexts({ ...texts, [indicator.code]: event.currentTarget.value })}
                onBlur={() => void saveTownshipTarget(indicator.code)}
              />
            </td>
          );
        })}
      </tr>
      <tr>
        <th scope="row">{m.targets.difference}</th>
        {props.indicators.map((indicator) => {
          const target = targetOf(indicator.code);
          if (target === undefined || !indicator.additive) return <td key={indicator.code} />;
          const difference = Math.round((target - props.columnSum(indicator.code)) * 10_000) / 10_000;
          return (
            <td key={indicator.code} class={`num ${difference === 0 ? "balanced" : "unbalanced"}`}>
              {difference === 0
                ? m.targets.balanced
                : fmt.measure(difference, { decimals: indicator.decimals })}
            </td>
          );
        })}
      </tr>
      {error ? (
        <tr>
          <td colSpan={props.indicators.length + 1} class="form-error" role="alert">
            {error}
          </td>
        </tr>
      ) : null}
    </>
  );
}
