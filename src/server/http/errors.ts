import { ERROR_MESSAGES, ERROR_STATUS, type ErrorCode } from '../../shared/errors.js';

/** The one error type services throw; mapped to HTTP in http/error-handler.ts. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERROR_MESSAGES[code]);
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function notFound(message?: string): AppError {
  return new AppError('NOT_FOUND', message);
}

export function forbidden(message?: string): AppError {
  return new AppError('FORBIDDEN', message);
}

export function conflict(message: string, details?: unknown): AppError {
  return new AppError('CONFLICT', message, details);
}

export function validation(message: string, details?: unknown): AppError {
  return new AppError('VALIDATION', message, details);
}
