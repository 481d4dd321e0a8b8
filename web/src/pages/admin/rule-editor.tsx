import type { JSX } from "preact";
import type { RuleOf, RuleType, StepMode } from "../../../../src/domain/rule-table";
import { useI18n } from "../../i18n/i18n";
import { SelectField } from "../../ui/field";
import { NumberField } from "../../ui/number-field";
import { BandsEditor, KindsEditor, LevelsEditor } from "./rule-list-editors";
import { defaultRule, type PathKey, pathOf, RULE_TYPES, type Rule } from "./scheme-doc";

export interface Props {
  rule: Rule;
  at: PathKey[];
  errors: Map<string, string>;
  onRule: (rule: Rule) => void;
}

type ParamsProps<T extends RuleType> = Props & { rule: RuleOf<T>; set: (patch: Partial<RuleOf<T>>) => void };
type ParamsEditor<T extends RuleType> = (props: ParamsProps<T>) => JSX.Element | null;

// The parameters each rule type takes, keyed like the rule table: a type missing here fails to compile.
const PARAMS: { [T in RuleType]: ParamsEditor<T> } = {
  ratio: ({ rule, set, ...props }) => {
    const r = useI18n().m.schemes.rule;
    return (
      <NumberField
        label={r.floor}
        value={rule.floor}
        onValue={(floor) => set({ floor })}
        hint={r.fractionHint}
        error={errAt(props, "floor")}
      />
    );
  },
  shortfall: ({ rule, set, ...props }) => {
    const r = useI18n().m.schemes.rule;
    return (
      <>
        <SelectField
          label={r.direction}
          value={rule.direction}
          onValue={(direction) => set({ direction: direction === "lower" ? "lower" : "higher" })}
          options={[
            { value: "higher", label: r.higher },
            { value: "lower", label: r.lower },
          ]}
        />
        <NumberField
          label={r.step}
          value={rule.step}
          onValue={(step) => set({ step })}
          error={errAt(props, "step")}
        />
        <NumberField
          label={r.deduct}
          value={rule.deduct}
          onValue={(deduct) => set({ deduct })}
          error={errAt(props, "deduct")}
        />
        <StepModeField value={rule.steps} onValue={(steps) => set({ steps })} />
      </>
    );
  },
  threshold: ({ rule, set, ...props }) => {
    const r = useI18n().m.schemes.rule;
    return (
      <>
        <SelectField
          label={r.direction}
          value={rule.direction}
          onValue={(direction) => set({ direction: direction === "atMost" ? "atMost" : "atLeast" })}
          options={[
            { value: "atLeast", label: r.atLeast },
            { value: "atMost", label: r.atMost },
          ]}
        />
        <NumberField
          label={r.partial}
          value={rule.partial}
          onValue={(partial) => set({ partial })}
          hint={r.fractionHint}
          error={errAt(props, "partial")}
        />
      </>
    );
  },
  bands: (props) => <BandsEditor {...props} />,
  deduction: ({ rule, set, ...props }) => (
    <NumberField
      label={useI18n().m.schemes.rule.per}
      value={rule.per}
      onValue={(per) => set({ per })}
      error={errAt(props, "per")}
    />
  ),
  incidents: (props) => <KindsEditor {...props} />,
  bonus: ({ rule, set, ...props }) => {
    const r = useI18n().m.schemes.rule;
    return (
      <>
        <NumberField
          label={r.perItem}
          value={rule.per}
          onValue={(per) => set({ per })}
          error={errAt(props, "per")}
        />
        <NumberField
          label={r.cap}
          value={rule.cap}
          onValue={(cap) => set({ cap })}
          error={errAt(props, "cap")}
        />
      </>
    );
  },
  rating: (props) => <LevelsEditor {...props} />,
  veto: () => null,
};

function errAt(props: Pick<Props, "at" | "errors">, ...keys: PathKey[]): string | undefined {
  return props.errors.get(pathOf([...props.at, ...keys]));
}

/** How a started step counts (ceil / floor / prorata); empty means the default, ceil. */
export function StepModeField(props: {
  value: StepMode | undefined;
  onValue: (mode: StepMode | undefined) => void;
}) {
  const r = useI18n().m.schemes.rule;
  const modes: StepMode[] = ["ceil", "floor", "prorata"];
  return (
    <SelectField
      label={r.steps}
      value={props.value ?? "ceil"}
      onValue={(mode) => props.onValue(mode === "ceil" ? undefined : modes.find((m) => m === mode))}
      options={modes.map((mode) => ({ value: mode, label: r.stepModes[mode] }))}
    />
  );
}

/** A scoring rule: its type and the parameters that type takes, each with its own validation message. */
export function RuleEditor(props: Props) {
  const { m } = useI18n();
  const { rule } = props;
  const r = m.schemes.rule;
  const Params = PARAMS[rule.type] as ParamsEditor<RuleType>;
  // Optional parameters set to undefined are removed, so the document never carries `"floor": undefined`.
  const set = (patch: Partial<Rule>) => {
    const next: Record<string, unknown> = { ...rule, ...patch };
    for (const [key, value] of Object.entries(patch)) if (value === undefined) delete next[key];
    props.onRule(next as Rule);
  };
  return (
    <fieldset class="rule-editor">
      <legend>{r.title}</legend>
      <div class="form-row">
        <SelectField
          label={r.type}
          value={rule.type}
          onValue={(type) =>
            props.onRule(defaultRule(RULE_TYPES.find((t) => t === type) ?? "ratio", r.defaultLevels))
          }
          options={RULE_TYPES.map((type) => ({ value: type, label: r.types[type] }))}
          error={errAt(props, "type")}
        />
        <Params {...props} rule={rule} set={set} />
      </div>
    </fieldset>
  );
}
