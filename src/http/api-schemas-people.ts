import { z } from "zod";
import { PERSON_CATEGORIES as personCategories } from "../domain/scheme";
import type { changePersonAccount } from "../services/people/person-account-service";
import type {
  movePerson,
  personDetail,
  setPersonActive,
  updatePerson,
} from "../services/people/person-service";

// Answer bodies of the person routes (人员, issue 18), for the OpenAPI document. As in api-schemas-org.ts, the
// typecheck ties each schema to the service that builds the answer (see `Same` below).

const id = z.number().int();
const day = z.iso.date();

const personFields = {
  employeeNo: z.string(),
  name: z.string(),
  gender: z.enum(["male", "female"]).nullable(),
  category: z.enum(personCategories),
  position: z.string(),
  originUnit: z.string().nullable(),
  examScore: z.number().nullable(),
  reassignedOn: day.nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  stationId: id,
};
const storedPerson = z.object({
  id,
  countyId: id,
  ...personFields,
  createdAt: z.iso.datetime({ offset: true }),
});

/** POST /api/v1/people. */
export const personCreatedBodySchema = z.object({ person: storedPerson });
/** PATCH /api/v1/people/:id. */
export const personUpdatedBodySchema = z.object({ person: storedPerson, changed: z.array(z.string()) });

const detail = z.object({
  person: z.object({ id, ...personFields, townshipId: id, townshipName: z.string() }),
  moves: z.array(
    z.object({ id, movedOn: day, reason: z.string().nullable(), from: z.string(), to: z.string() }),
  ),
  account: z
    .object({ id: id.nullable(), username: z.string(), active: z.boolean(), mustChangePassword: z.boolean() })
    .nullable(),
});
/** GET /api/v1/people/:id. */
export const personDetailBodySchema = detail;

const move = z.object({
  from: z.string().nullable(),
  to: z.string(),
  movedOn: day,
  keptSheets: z.array(
    z.object({ sheetId: id, periodId: id, periodName: z.string(), townshipName: z.string() }),
  ),
});
/** POST /api/v1/people/:id/move. */
export const personMovedBodySchema = move;

const activeAnswer = z.object({ active: z.boolean(), accountDisabled: z.boolean() });
/** POST /api/v1/people/:id/retire and /reinstate. */
export const personActiveBodySchema = activeAnswer;

const account = z.object({
  username: z.string(),
  password: z.string().nullable(),
  active: z.boolean(),
  endedSessions: z.number().int(),
});
/** POST /api/v1/people/:id/account. */
export const personAccountBodySchema = account;

type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Row<F extends (...args: never[]) => unknown> = Json<Awaited<ReturnType<F>>>;
export const schemasMatchServices: [
  Same<z.infer<typeof personUpdatedBodySchema>, Row<typeof updatePerson>>,
  Same<z.infer<typeof detail>, Row<typeof personDetail>>,
  Same<z.infer<typeof move>, Row<typeof movePerson>>,
  Same<z.infer<typeof activeAnswer>, Row<typeof setPersonActive>>,
  Same<z.infer<typeof account>, Row<typeof changePersonAccount>>,
] = [true, true, true, true, true];
