/**
 * Every request handler goes through runSafe: a cancelled request is answered with RequestCancelled,
 * an exception is logged and answered with the handler's default, and the work runs on a later tick so
 * that a cancellation already queued is seen first.
 */
import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
}

export function runSafe<T>(
  log: Logger,
  what: string,
  token: CancellationToken | undefined,
  defaultValue: T,
  fn: () => T | Promise<T>,
): Promise<T | ResponseError<void>> {
  return new Promise((resolve) => {
    setImmediate(async () => {
      if (token?.isCancellationRequested) {
        resolve(cancelled());
        return;
      }
      try {
        const result = await fn();
        resolve(token?.isCancellationRequested ? cancelled() : result);
      } catch (e) {
        log.error(`${what} failed: ${describeError(e)}`);
        resolve(defaultValue);
      }
    });
  });
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.message}\n${e.stack ?? ''}`;
  return String(e);
}
