import { describe, expect, it } from "vitest";
import { planToFinal } from "../support/year-planner";

// The planner the model-based year test asks after every step must find the admin's way when there is one
// and report the step where there is none; otherwise "no trap" would be asserted by a test that cannot fail.

describe("planToFinal", () => {
  it("finds the admin's way from an open period with drafts, passed and exempt sheets", () => {
    const plan = planToFinal("open", [
      { id: 1, status: "draft", exempt: false },
      { id: 2, status: "reviewed", exempt: false },
      { id: 3, status: "submitted", exempt: true },
    ]);
    expect(plan).toEqual({
      ok: true,
      steps: [
        "period startAssessing",
        "sheet 1 exempt",
        "sheet 2 markScored",
        "period publish",
        "period finalize",
      ],
    });
  });

  it("decides open 复核 and 申诉 before 归档, and is done at once when final", () => {
    expect(
      planToFinal("published", [
        { id: 1, status: "recheck_requested", exempt: false },
        { id: 2, status: "appealed", exempt: false },
        { id: 3, status: "published", exempt: false },
      ]),
    ).toEqual({
      ok: true,
      steps: ["sheet 1 decideRecheck", "sheet 2 decideAppeal", "period finalize"],
    });
    expect(planToFinal("final", [{ id: 1, status: "final", exempt: false }])).toEqual({
      ok: true,
      steps: [],
    });
  });

  it("reports a trap: a draft left in the pool of a published period cannot be exempted any more", () => {
    const plan = planToFinal("published", [{ id: 7, status: "draft", exempt: false }]);
    expect(plan).toMatchObject({ ok: false, stuck: expect.stringContaining("finalize") });
  });
});
