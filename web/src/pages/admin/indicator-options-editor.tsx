import { betterSide, RULE_TABLE } from "../../../../src/domain/rule-table";
import { useI18n } from "../../i18n/i18n";
import { TextField } from "../../ui/field";
import { NumberField } from "../../ui/number-field";
import { StepModeField } from "./rule-editor";
import { type Indicator, type PathKey, pathOf } from "./scheme-doc";

type Beyond = NonNullable<Indicator["beyond"]>;
type ZeroIf = NonNullable<Indicator["zeroIf"]>;

// Drops undefined members, and the whole object when nothing is left, so the document stays minimal.
function compact<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
}

/** 可负分, 该项不得分 and 超目标加分: the per-item options the rule table allows for the indicator's rule. */
export function IndicatorOptionsEditor(props: {
  indicator: Indicator;
  at: PathKey[];
  errors: Map<string, string>;
  set: (patch: Partial<Indicator>) => void;
}) {
  const r = useI18n().m.schemes.rule;
  const { indicator, at, errors, set } = props;
  const err = (...keys: PathKey[]) => errors.get(pathOf([...at, ...keys]));
  const spec = RULE_TABLE[indicator.rule.type];
  const numeric = spec.value === "number" || spec.value === "count";
  const zeroIf: Partial<ZeroIf> = indicator.zeroIf ?? {};
  const setZero = (patch: Partial<ZeroIf>) =>
    set({ zeroIf: compact({ ...zeroIf, ...patch }) as ZeroIf | undefined });
  const beyond = indicator.beyond;
  const setBeyond = (patch: Partial<Beyond>) => {
    const next = compact({ step: 1, add: 0, ...beyond, ...patch });
    set({
      beyond:
        next?.step === undefined || next.add === undefined
          ? undefined
          : { ...next, step: next.step, add: next.add },
    });
  };
  return (
    <fieldset class="plain-fieldset">
      <legend>{r.options}</legend>
      <div class="form-row">
        {spec.canGoNegative ? (
          <>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={indicator.negative !== undefined}
                onChange={(event) => set({ negative: event.currentTarget.checked ? {} : undefined })}
              />
              {r.negative}
            </label>
            {indicator.negative ? (
              <NumberField
                label={r.negativeFloor}
                value={indicator.negative.floor}
                onValue={(floor) => set({ negative: floor === undefined ? {} : { floor } })}
                error={err("negative", "floor") ?? err("negative")}
                class="short"
              />
            ) : null}
          </>
        ) : null}
        {numeric ? (
          <>
            <NumberField
              label={r.zeroBelow}
              value={zeroIf.below}
              onValue={(below) => setZero({ below })}
              error={err("zeroIf", "below") ?? err("zeroIf")}
              class="short"
            />
            <NumberField
              label={r.zeroAbove}
              value={zeroIf.above}
              onValue={(above) => setZero({ above })}
              error={err("zeroIf", "above")}
              class="short"
            />
          </>
        ) : null}
        {indicator.rule.type === "incidents" ? (
          <TextField
            label={r.zeroKinds}
            value={(zeroIf.kinds ?? []).join("、")}
            onValue={(text) => {
              const kinds = text.split(/[、,，\s]+/).filter(Boolean);
              setZero({ kinds: kinds.length > 0 ? kinds : undefined });
            }}
            error={err("zeroIf", "kinds") ?? err("zeroIf")}
          />
        ) : null}
      </div>
      {betterSide(indicator.rule) !== undefined ? (
        <div class="form-row">
          <NumberField
            label={r.beyondStep}
            value={beyond?.step}
            onValue={(step) => (step === undefined ? set({ beyond: undefined }) : setBeyond({ step }))}
            error={err("beyond", "step") ?? err("beyond")}
            class="short"
          />
          <NumberField
            label={r.beyondAdd}
            value={beyond?.add}
            onValue={(add) => setBeyond({ add: add ?? 0 })}
            error={err("beyond", "add")}
            class="short"
          />
          <NumberField
            label={r.beyondCap}
            value={beyond?.cap}
            onValue={(cap) => setBeyond({ cap })}
            error={err("beyond", "cap")}
            class="short"
          />
          {beyond ? <StepModeField value={beyond.steps} onValue={(steps) => setBeyond({ steps })} /> : null}
        </div>
      ) : null}
    </fieldset>
  );
}
