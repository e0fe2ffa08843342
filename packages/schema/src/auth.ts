import { z } from 'zod';
import { storableText } from './fields';

/**
 * Wire shapes of sign-in and administration (TomatoPlan's routes), shared by the server, which
 * validates requests with them, and the PWA. Not replicated collections: nothing here goes in
 * `collections`. Role and permission names are plain strings here (the role table lives in
 * `@relais/domain`, which depends on this package); the server checks them against it.
 */

const hostnameSchema = storableText().trim().max(255);

export const loginRequestSchema = z.object({
  username: storableText().trim().min(1).max(200),
  /** Absent only for the opt-in Windows sign-ins (trusted proxy, legacy TomatoPlan clients). */
  password: storableText().min(1).max(1024).optional(),
  hostname: hostnameSchema.optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const permissionMapSchema = z.record(z.string(), z.boolean());

export const sessionUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  role: z.string(),
  permissions: permissionMapSchema,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** A completed sign-in (login without MFA, MFA step, refresh). */
export const tokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  /** ISO date-time at which the access token expires. */
  expires_at: z.string(),
  /** Seconds until then. */
  expires_in: z.number().int(),
  must_change_password: z.boolean(),
  user: sessionUserSchema,
  /** Only when the refresh token was sent in the body (clients without cookies): the rotated one. */
  refresh_token: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const mfaRequiredResponseSchema = z.object({
  mfa_required: z.literal(true),
  challenge_id: z.string(),
  message: z.string().optional(),
});
export type MfaRequiredResponse = z.infer<typeof mfaRequiredResponseSchema>;

export const loginResponseSchema = z.union([tokenResponseSchema, mfaRequiredResponseSchema]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const mfaRequestSchema = z.object({
  challenge_id: z.string().min(1).max(100),
  code: z.string().trim().regex(/^\d{6}$/, 'Code à 6 chiffres attendu'),
});
export type MfaRequest = z.infer<typeof mfaRequestSchema>;

export const changePasswordRequestSchema = z.object({
  current_password: storableText().min(1).max(1024),
  new_password: storableText().min(1).max(1024),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export const refreshRequestSchema = z.object({ refresh_token: z.string().min(1).max(200).optional() });
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

export const successResponseSchema = z.object({ success: z.boolean(), message: z.string().optional() });
export type SuccessResponse = z.infer<typeof successResponseSchema>;

export const meResponseSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  email: z.string().nullable(),
  role: z.string(),
  is_system_admin: z.boolean(),
  must_change_password: z.boolean(),
  mfa_enabled: z.boolean(),
  permissions: permissionMapSchema,
});
export type MeResponse = z.infer<typeof meResponseSchema>;

/** A user as the admin routes show it; `role_name` repeats `role` under TomatoPlan's name. */
export const adminUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  email: z.string().nullable(),
  role: z.string(),
  role_name: z.string(),
  is_active: z.boolean(),
  is_system_admin: z.boolean(),
  must_change_password: z.boolean(),
  mfa_enabled: z.boolean(),
  locked_until: z.string().nullable(),
  last_login: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

const emailSchema = z.union([z.email().max(254), z.literal('').transform(() => null), z.null()]);

export const createUserRequestSchema = z.object({
  username: storableText().trim().min(1).max(200),
  display_name: storableText().trim().min(1).max(200),
  email: emailSchema.optional(),
  role_name: z.string().min(1),
  is_active: z.boolean().default(true),
  mfa_enabled: z.boolean().default(false),
});
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z.object({
  display_name: storableText().trim().min(1).max(200).optional(),
  email: emailSchema.optional(),
  role_name: z.string().min(1).optional(),
  is_active: z.boolean().optional(),
  is_system_admin: z.boolean().optional(),
  mfa_enabled: z.boolean().optional(),
});
export type UpdateUserRequest = z.input<typeof updateUserRequestSchema>;

export const createUserResponseSchema = adminUserSchema.extend({ temp_password: z.string() });
export type CreateUserResponse = z.infer<typeof createUserResponseSchema>;

export const resetPasswordResponseSchema = z.object({ success: z.literal(true), temp_password: z.string(), message: z.string() });
export type ResetPasswordResponse = z.infer<typeof resetPasswordResponseSchema>;

/** `id` and `description` are TomatoPlan's names (its desktop client reads them). */
export const roleInfoSchema = z.object({ id: z.number().int(), name: z.string(), description: z.string(), label: z.string(), permissions: permissionMapSchema });
export type RoleInfo = z.infer<typeof roleInfoSchema>;

export const sessionInfoSchema = z.object({
  id: z.string(),
  /** TomatoPlan's names for `id`, `ip`, `hostname` and `created_at`. */
  session_id: z.string(),
  client_ip: z.string().nullable(),
  client_hostname: z.string().nullable(),
  connected_at: z.string(),
  user_id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  hostname: z.string().nullable(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  created_at: z.string(),
  last_activity: z.string(),
  expires_at: z.string(),
  revoked_at: z.string().nullable(),
  revoked_reason: z.string().nullable(),
  is_current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const kickResponseSchema = successResponseSchema.extend({ count: z.number().int() });
export type KickResponse = z.infer<typeof kickResponseSchema>;

/**
 * One line of the activity log: a document write (`collection` is the collection, `document_id` the
 * document) or an identity event (`collection` is `auth`, `document_id` the user acted upon).
 */
export const activityEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  collection: z.string(),
  document_id: z.string().nullable(),
  source: z.string(),
  hostname: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.unknown().nullable(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

const limitParam = (fallback: number) => z.coerce.number().int().min(1).max(1000).default(fallback);

export const activityQuerySchema = z.object({
  user: z.string().trim().min(1).optional(),
  collection: z.string().trim().min(1).optional(),
  action: z.string().trim().min(1).optional(),
  from: z.string().trim().min(1).optional(),
  to: z.string().trim().min(1).optional(),
  limit: limitParam(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ActivityQuery = z.infer<typeof activityQuerySchema>;

export const activityListResponseSchema = z.object({ entries: z.array(activityEntrySchema), total: z.number().int() });
export type ActivityListResponse = z.infer<typeof activityListResponseSchema>;

export const recentActivityQuerySchema = z.object({ limit: limitParam(50) });
