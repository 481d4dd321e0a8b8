import { Link } from "../../app/router";
import { usePeriods } from "../../app/session";
import { loadMyPublishedSheet } from "../../app/use-data";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, Empty, useAsync } from "../../ui/async";
import { GradeBadge, SheetStatusBadge, VetoBadge } from "../../ui/badges";
import { PageHeader } from "../../ui/page";
import { ResultTable } from "../../ui/result-table";
import { Stat } from "../../ui/stat";

/** 考核结果: my published result item by item, with the assessors' reasons for every change. */
export default function ResultPage() {
  const { m, fmt } = useI18n();
  const { current: period } = usePeriods();
  const state = useAsync(() => loadMyPublishedSheet(period?.id), [period?.id]);
  return (
    <section>
      <PageHeader title={m.nav.result} subtitle={state.data?.periodName ?? period?.name} />
      <AsyncView state={state}>
        {(loaded) => {
          if (!loaded) return <Empty>{m.result.none}</Empty>;
          const { sheet, items } = loaded.view;
          const band = loaded.document.gradeBands.find((b) => b.grade === sheet.grade);
          return (
            <>
              {loaded.fallback ? <p class="notice">{m.result.showingLatest(loaded.periodName)}</p> : null}
              <div class="stats">
                <Stat label={m.common.total}>{fmt.score(sheet.total)}</Stat>
                <Stat label={m.common.base}>{fmt.score(sheet.base)}</Stat>
                <Stat label={m.common.bonus}>{fmt.score(sheet.bonus)}</Stat>
                <Stat label={m.common.grade}>
                  <GradeBadge grade={sheet.grade} label={band?.label} />
                </Stat>
                <Stat label={m.result.countyRank}>
                  {sheet.rank === null || sheet.rankOf === null
                    ? m.common.dash
                    : m.figures.rankOf(sheet.rank, sheet.rankOf)}
                </Stat>
                <Stat label={m.result.townshipRank}>
                  {sheet.townshipRank === null || sheet.townshipRankOf === null
                    ? m.common.dash
                    : m.figures.rankOf(sheet.townshipRank, sheet.townshipRankOf)}
                </Stat>
              </div>
              <p>
                {m.common.status}: <SheetStatusBadge status={sheet.status} />{" "}
                {sheet.vetoed ? <VetoBadge kind="veto" /> : null}
              </p>
              <ResultTable items={items} />
              <p class="no-print">
                <Link href="/staff/requests" class="button">
                  {m.result.askRecheck}
                </Link>{" "}
                <Link href="/staff/report" class="button secondary">
                  {m.nav.myReport}
                </Link>
              </p>
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}
