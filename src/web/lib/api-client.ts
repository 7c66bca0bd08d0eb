import { ERROR_MESSAGES, type ErrorCode, type FieldIssue } from '../../shared/errors.js';

/** Codes the client adds for failures that never reached the server's error mapper. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE';

/** An API failure, parsed from the server's `{ error: { code, message, details } }` shape. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(init: { status: number; code: ErrorCode | ClientErrorCode; message: string; details?: unknown; requestId?: string }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId;
  }

  /** Per-field issues (`details` of a VALIDATION error, or of a CONFLICT that names its field). */
  get fieldIssues(): FieldIssue[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter((d): d is FieldIssue => typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.message === 'string');
  }
}

/** A Chinese message for any thrown value, for toasts and alerts. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return '操作失败,请稍后重试';
}

type QueryScalar = string | number | boolean | null | undefined;
/** A query parameter; an array repeats the key (`stage=lead&stage=pool`), an empty one is left out. */
export type QueryValue = QueryScalar | readonly QueryScalar[];

export interface RequestOptions {
  params?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not run the global "session ended" handler on 401 (login, and the probe for the current user). */
  skipAuthRedirect?: boolean;
  /** Extra request headers (If-Match, Idempotency-Key: see lib/versions). */
  headers?: Record<string, string>;
}

let unauthorizedHandler: (() => void) | null = null;

/** Registers what happens when the session has ended (401): the app clears the user and goes to /login. */
export function setUnauthorizedHandler(handler: () => void): void {
  unauthorizedHandler = handler;
}

const isEmpty = (value: QueryScalar): value is null | undefined | '' => value === undefined || value === null || value === '';

function buildUrl(path: string, params?: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (Array.isArray(value)) {
      for (const item of value as readonly QueryScalar[]) if (!isEmpty(item)) search.append(key, String(item));
    } else if (!isEmpty(value as QueryScalar)) {
      search.set(key, String(value));
    }
  }
  const query = search.toString();
  return `/api${path}${query ? `?${query}` : ''}`;
}

/**
 * A Chinese message for an answer that carries no `{ error }` body: usually a page from a proxy in
 * front of keguan (502/504 when keguan itself is down or slow), or an empty body.
 */
function statusMessage(status: number): string {
  if (status === 401) return ERROR_MESSAGES.UNAUTHENTICATED;
  if (status === 403) return ERROR_MESSAGES.FORBIDDEN;
  if (status === 404) return ERROR_MESSAGES.NOT_FOUND;
  if (status === 413) return ERROR_MESSAGES.PAYLOAD_TOO_LARGE;
  if (status === 415) return ERROR_MESSAGES.UNSUPPORTED_MEDIA_TYPE;
  if (status === 502) return '服务器暂时无法访问(502),可能正在重启,请稍后再试';
  if (status === 503) return '服务暂时不可用(503),请稍后再试';
  // The request may have been carried out after the proxy stopped waiting.
  if (status === 504) return '服务器响应超时(504),操作可能已完成,请稍后刷新查看';
  if (status === 507) return ERROR_MESSAGES.STORAGE;
  if (status >= 500) return `服务器暂时无法响应(${status}),请稍后重试`;
  return `请求失败(${status})`;
}

function codeForStatus(status: number): ErrorCode | ClientErrorCode {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 423:
      return 'ACCOUNT_LOCKED';
    case 502:
    case 503:
    case 504:
      return 'UNAVAILABLE';
    case 507:
      return 'STORAGE';
    default:
      return status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE';
  }
}

async function parseError(response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON (a proxy page, an empty body): fall back to a message for the status.
  }
  const error = typeof payload === 'object' && payload !== null && 'error' in payload ? (payload as { error: unknown }).error : null;
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    const e = error as { code: ErrorCode; message: string; details?: unknown; requestId?: string };
    return new ApiError({
      status: response.status,
      code: e.code,
      message: e.message || ERROR_MESSAGES[e.code] || statusMessage(response.status),
      details: e.details,
      requestId: e.requestId,
    });
  }
  return new ApiError({
    status: response.status,
    code: codeForStatus(response.status),
    message: statusMessage(response.status),
  });
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const hasBody = options.body !== undefined;
  // A FormData body (a file upload) goes as multipart; the browser sets its boundary header.
  const isForm = options.body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.params), {
      method,
      credentials: 'same-origin',
      headers: {
        ...(hasBody && !isForm ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' }),
        ...options.headers,
      },
      body: isForm ? (options.body as FormData) : hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'NETWORK', message: '无法连接服务器,请检查网络后重试' });
  }

  if (!response.ok) {
    const error = await parseError(response);
    if (response.status === 401 && !options.skipAuthRedirect && unauthorizedHandler) {
      unauthorizedHandler();
    }
    throw error;
  }

  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError({ status: response.status, code: 'BAD_RESPONSE', message: '服务器返回的数据无法解析' });
  }
}

/** The JSON API under /api. Paths are given without the /api prefix. */
export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body: unknown = {}, options?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, options),
  /** A multipart POST (file uploads). */
  upload: <T>(path: string, form: FormData, options?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...options, body: form }),
};
