import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { DomainError } from '@atrest/contracts';
import { AuditLog, type KeyOperation } from '../../audit/audit.log';
import { authenticationFailed, authorizationFailed } from '../data-key.errors';
import { DATA_KEY_OPERATION } from './data-key-operation.decorator';
import { KmsClients } from './kms-clients';

export interface ClientRequest {
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string>;
  /** Set by the guard: the authenticated, authorized calling service. */
  kmsClient?: string;
}

const bearerOf = (header: string | string[] | undefined): string | undefined => {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)$/i.exec(value ?? '');
  return match?.[1];
};

/**
 * The internal API's caller check: `Authorization: Bearer <secret>` names a
 * service of KMS_CLIENTS (else 401 AuthenticationFailed), which must be in
 * KMS_AUTHORIZED_CLIENTS (else 403 AuthorizationFailed). Refusals are audited
 * like any other denied key operation.
 */
@Injectable()
export class DataKeyClientGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(KmsClients) private readonly clients: KmsClients,
    private readonly audit: AuditLog,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ClientRequest>();
    const operation = this.reflector.get<KeyOperation>(DATA_KEY_OPERATION, context.getHandler());
    const secret = bearerOf(request.headers.authorization);
    const client = secret === undefined ? undefined : this.clients.identify(secret);
    const refusal = this.refusal(secret, client);
    if (refusal) {
      await this.audit.record({
        at: new Date(),
        client: client ?? (secret === undefined ? 'anonymous' : 'unknown'),
        operation,
        accountName: (request.params.account ?? '').toLowerCase(),
        outcome: 'denied',
        reason: refusal.code,
        requestId: requestIdOf(request),
      });
      throw refusal;
    }
    request.kmsClient = client;
    return true;
  }

  private refusal(secret: string | undefined, client: string | undefined): DomainError | undefined {
    if (secret === undefined) return authenticationFailed('A client credential (Authorization: Bearer <secret>) is required.');
    if (client === undefined) return authenticationFailed('The client credential is not valid.');
    if (!this.clients.isAuthorized(client)) return authorizationFailed(client);
    return undefined;
  }
}

export interface Caller {
  readonly client: string;
  readonly requestId?: string;
}

const requestIdOf = (request: ClientRequest): string | undefined => {
  const value = request.headers['x-ms-request-id'];
  return (Array.isArray(value) ? value[0] : value) || undefined;
};

/** The caller of a route behind DataKeyClientGuard. */
export const callerOf = (request: ClientRequest): Caller => {
  if (!request.kmsClient) throw new Error('callerOf used on a route without DataKeyClientGuard');
  return { client: request.kmsClient, requestId: requestIdOf(request) };
};
