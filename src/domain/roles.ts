/**
 * The roles a user account can hold: 工作人员 staff, 乡镇 township, 考核组 assessor, 县考核办 admin, 查看 viewer.
 * The one declaration; the database's check and the API's schemas are built from it.
 */
export const ROLES = ["staff", "township", "assessor", "admin", "viewer"] as const;

export type Role = (typeof ROLES)[number];
