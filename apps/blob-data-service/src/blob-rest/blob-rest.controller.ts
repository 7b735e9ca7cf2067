import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { OperationDispatcher } from './operation-dispatcher';

/**
 * The Blob REST surface as the gateway forwards it (data-plane protocol):
 * `/blob/{account}`, `/blob/{account}/{container}`, `/blob/{account}/{container}/{blob...}`,
 * every method; the dispatcher picks the operation.
 */
@Controller('blob')
export class BlobRestController {
  constructor(@Inject(OperationDispatcher) private readonly dispatcher: OperationDispatcher) {}

  @All(':account')
  service(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.dispatcher.dispatch(request, response);
  }

  @All(':account/:container')
  container(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.dispatcher.dispatch(request, response);
  }

  @All(':account/:container/*blob')
  blob(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.dispatcher.dispatch(request, response);
  }
}
