/**
 * The closed set of error codes the API returns, with their HTTP status.
 *
 * Most say what is wrong with the request. Three say what is wrong with the server, so a client
 * knows whether waiting helps:
 * - `UNAVAILABLE` (503): the database does not answer (down, restarting, connection lost, pool
 *   exhausted, SQLite locked past its busy timeout). Nothing was saved; retrying later works.
 * - `STORAGE` (507): the database or data directory cannot be written (disk full, read-only file or
 *   permissions). Nothing was saved; an administrator must act, retrying alone does not help.
 * - `INTERNAL` (500): anything else unexpected; the log has the details under the request id.
 */
export const ERROR_STATUS = {
  VALIDATION: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  STORAGE: 507,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Default Chinese message per code, used when a thrower gives none. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION: '提交的内容有误,请检查后重试',
  BAD_REQUEST: '请求格式不正确',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '记录不存在或无权查看',
  CONFLICT: '与现有记录冲突',
  PAYLOAD_TOO_LARGE: '提交的内容超过大小限制',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  ACCOUNT_LOCKED: '账号已被临时锁定,请稍后再试',
  INTERNAL: '服务器内部错误,请稍后重试或联系管理员',
  UNAVAILABLE: '数据库暂时不可用,请稍后再试',
  STORAGE: '数据库无法写入,本次操作未保存,请联系管理员',
};

/** One failing field of a VALIDATION error. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: unknown;
    requestId?: string;
  };
}
