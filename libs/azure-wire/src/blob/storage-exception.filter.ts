import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { storageErrorXml } from './storage-error';
import { toStorageError } from './to-storage-error';

/**
 * The one place the data plane turns errors into Azure's wire form: status,
 * `x-ms-error-code`, `x-ms-request-id` and the XML body (headers only on HEAD).
 * A 500 is logged with its cause; the client sees only InternalError.
 */
@Catch()
export class StorageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('StorageExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const error = toStorageError(exception);
    const requestId = String(request.headers['x-ms-request-id'] ?? response.getHeader('x-ms-request-id') ?? '');
    if (error.status >= 500) this.logger.error({ msg: 'blob request failed', code: error.code, requestId, err: exception });
    if (response.headersSent) {
      // A streamed answer failed midway: cut the connection so the client never takes partial data as whole.
      response.destroy();
      return;
    }
    response.status(error.status).set({ 'x-ms-error-code': error.code, 'x-ms-request-id': requestId });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    response.type('application/xml').send(storageErrorXml(error, requestId, new Date()));
  }
}
