import { listIndicators, type SchemeDocument } from "./scheme";

// 选调人员适应期业务考试: an indicator can be bound to the person's recorded exam score (`prefill:
// "examScore"`). The value comes from the record, staff cannot type over it, an assessor can correct it
// (a verified value with a reason).

/** The codes of the indicators bound to the exam score. */
export function examBoundCodes(scheme: SchemeDocument): string[] {
  return listIndicators(scheme)
    .filter((indicator) => indicator.prefill === "examScore")
    .map((indicator) => indicator.code);
}
