import { api, call } from "../../api/client";
import { Link, navigate } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { useI18n } from "../../i18n/i18n";
import { AsyncView, useAsync } from "../../ui/async";
import { PageHeader } from "../../ui/page";
import { LiveScorePanel } from "../../ui/score-panel";
import { SelfValuesTable } from "../../ui/self-values-table";
import { SheetHeading } from "../../ui/sheet-heading";
import { ReviewForm } from "./review-form";

/** 乡镇审核: the township reads a submitted sheet and passes it to the county, or returns it with a comment. */
export default function TownshipReviewPage(props: PageProps) {
  const { m } = useI18n();
  const state = useAsync(
    () => call(api.sheets[":id"].$get({ param: { id: props.params.id ?? "" } })),
    [props.params.id],
  );
  return (
    <section>
      <PageHeader
        title={m.township.reviewTitle}
        actions={
          <Link href="/township/sheets" class="button secondary">
            {m.common.back}
          </Link>
        }
      />
      <AsyncView state={state}>
        {(view) => (
          <>
            <SheetHeading view={view} />
            <div class="two-col">
              <div>
                <SelfValuesTable items={view.items} />
              </div>
              <aside class="score-panel">
                <LiveScorePanel
                  live={view.liveScore}
                  dirty={false}
                  reportable={new Set(view.items.filter((i) => i.source === "self").map((i) => i.code))}
                  items={view.items}
                />
                {view.actions.includes("pass") ? (
                  <ReviewForm
                    view={view}
                    via="review"
                    onReviewed={() => navigate("/township/sheets")}
                    onStale={state.reload}
                  />
                ) : (
                  <p class="notice">{m.township.notWaiting}</p>
                )}
              </aside>
            </div>
          </>
        )}
      </AsyncView>
    </section>
  );
}
