import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_MESSAGES, ERROR_STATUS, type ApiErrorBody, type ErrorCode, type FieldIssue } from '../../shared/errors.js';
import { classifyDatabaseError, type DatabaseFailure } from '../db/sql-helpers.js';
import { AppError } from './errors.js';

function body(code: ErrorCode, message: string, requestId: string, details?: unknown): ApiErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }), requestId } };
}

/** Known framework errors by their code, with what the user is told. */
const FRAMEWORK_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容超过大小限制' },
  FST_REQ_FILE_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: '上传的文件超过大小限制' },
  FST_PARTS_LIMIT: { code: 'PAYLOAD_TOO_LARGE', message: '上传的文件数量超过限制' },
  FST_FILES_LIMIT: { code: 'PAYLOAD_TOO_LARGE', message: '上传的文件数量超过限制' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '请求必须是 JSON 或文件上传' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'BAD_REQUEST', message: '请求内容为空' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'BAD_REQUEST', message: '请求内容不是有效的 JSON' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '请以文件上传方式提交' },
};

/** What the user is told when the database, not the request, is at fault; nothing was saved in each case. */
const DATABASE_FAILURES: Record<DatabaseFailure, { code: ErrorCode; message: string }> = {
  unavailable: { code: 'UNAVAILABLE', message: ERROR_MESSAGES.UNAVAILABLE },
  'disk-full': { code: 'STORAGE', message: '服务器磁盘已满,本次操作未保存,请联系管理员清理磁盘空间' },
  'read-only': { code: 'STORAGE', message: '数据库无法写入(文件只读或没有权限),本次操作未保存,请联系管理员检查数据目录' },
  conflict: { code: 'CONFLICT', message: '与现有记录冲突(可能已被他人同时提交),请刷新后重试' },
};

/** The coded error for a database failure, or null when `error` is not one (a bug). */
export function databaseFailureError(error: unknown): AppError | null {
  const failure = classifyDatabaseError(error);
  if (!failure) return null;
  const { code, message } = DATABASE_FAILURES[failure];
  return new AppError(code, message);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Maps every error to `{ error: { code, message, details } }`; stack traces only reach the log. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error({ err }, 'app error');
      return reply.status(err.status).send(body(err.code, err.message, request.id, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details: FieldIssue[] = err.validation.map((v) => ({
        path:
          [
            String(v.instancePath ?? '')
              .replace(/^\//, '')
              .replace(/\//g, '.'),
          ]
            .filter(Boolean)
            .join('.') || String((v.params as { issue?: { path?: unknown[] } })?.issue?.path?.join('.') ?? ''),
        message: v.message ?? '格式不正确',
      }));
      const first = details[0];
      const message = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : ERROR_MESSAGES.VALIDATION;
      return reply.status(400).send(body('VALIDATION', message, request.id, details));
    }
    const known = err.code ? FRAMEWORK_ERRORS[err.code] : undefined;
    if (known) {
      let message = known.message;
      // Say what the limit is, so the user knows how small the file must be.
      if (err.code === 'FST_REQ_FILE_TOO_LARGE') message += `(最大 ${formatBytes(app.deps.config.uploadLimitBytes)})`;
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') message += `(最大 ${formatBytes(app.deps.config.bodyLimitBytes)})`;
      return reply.status(ERROR_STATUS[known.code]).send(body(known.code, message, request.id));
    }
    if (err instanceof SyntaxError || err.statusCode === 400) {
      return reply.status(400).send(body('BAD_REQUEST', ERROR_MESSAGES.BAD_REQUEST, request.id));
    }
    if (err.statusCode === 413) {
      return reply.status(413).send(body('PAYLOAD_TOO_LARGE', ERROR_MESSAGES.PAYLOAD_TOO_LARGE, request.id));
    }
    if (err.statusCode === 415) {
      return reply.status(415).send(body('UNSUPPORTED_MEDIA_TYPE', ERROR_MESSAGES.UNSUPPORTED_MEDIA_TYPE, request.id));
    }
    if (err.statusCode && err.statusCode < 500) {
      return reply.status(err.statusCode).send(body('BAD_REQUEST', ERROR_MESSAGES.BAD_REQUEST, request.id));
    }
    const dbFailure = databaseFailureError(err);
    if (dbFailure) {
      // A lost race is the user's to retry; the rest need an operator's eye.
      if (dbFailure.code === 'CONFLICT') request.log.info({ err }, 'unique key race answered CONFLICT');
      else request.log.error({ err }, 'database unavailable or not writable');
      if (dbFailure.code === 'UNAVAILABLE') reply.header('retry-after', '5');
      return reply.status(dbFailure.status).send(body(dbFailure.code, dbFailure.message, request.id));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', ERROR_MESSAGES.INTERNAL, request.id));
  });
}
