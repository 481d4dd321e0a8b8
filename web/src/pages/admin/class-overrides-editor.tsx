import { useI18n } from "../../i18n/i18n";
import { NumberField } from "../../ui/number-field";
import { RuleEditor } from "./rule-editor";
import { type Indicator, type PathKey, pathOf } from "./scheme-doc";

type Override = NonNullable<Indicator["byClass"]>[string];

// Drops undefined members, and the object itself when nothing is left, so the document stays minimal.
function compact<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
}

/** 分类考核: per unit class, the points, target or rule parameters that differ from the indicator's own. */
export function ClassOverridesEditor(props: {
  indicator: Indicator;
  unitClasses: readonly string[];
  at: PathKey[];
  errors: Map<string, string>;
  set: (patch: Partial<Indicator>) => void;
}) {
  const r = useI18n().m.schemes.rule;
  const { indicator, at, errors } = props;
  if (props.unitClasses.length === 0) return null;
  const byClass = indicator.byClass ?? {};
  const setClass = (name: string, override: Override | undefined) => {
    const next: Record<string, Override> = {};
    for (const [key, value] of Object.entries(byClass)) if (key !== name) next[key] = value;
    if (override !== undefined) next[name] = override;
    props.set({ byClass: Object.keys(next).length > 0 ? next : undefined });
  };
  return (
    <fieldset class="plain-fieldset">
      <legend>{r.byClass}</legend>
      {props.unitClasses.map((name) => {
        const override: Override = Object.hasOwn(byClass, name) ? (byClass[name] ?? {}) : {};
        const here = [...at, "byClass", name];
        const err = (...keys: PathKey[]) => errors.get(pathOf([...here, ...keys]));
        const patch = (change: Partial<Override>) => setClass(name, compact({ ...override, ...change }));
        return (
          <div key={name}>
            <p class="field-error" aria-live="polite">
              {errors.get(pathOf(here)) ?? ""}
            </p>
            <div class="form-row">
              <strong>{name}</strong>
              <NumberField
                label={r.classPoints}
                value={override.points}
                onValue={(points) => patch({ points })}
                error={err("points")}
                class="short"
              />
              <NumberField
                label={r.classTarget}
                value={override.target}
                onValue={(target) => patch({ target })}
                error={err("target")}
                class="short"
              />
              <label class="checkbox">
                <input
                  type="checkbox"
                  checked={override.rule !== undefined}
                  onChange={(event) =>
                    patch({ rule: event.currentTarget.checked ? structuredClone(indicator.rule) : undefined })
                  }
                />
                {r.classRule}
              </label>
            </div>
            {override.rule ? (
              <RuleEditor
                rule={override.rule}
                at={[...here, "rule"]}
                errors={errors}
                onRule={(rule) => patch({ rule })}
              />
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
