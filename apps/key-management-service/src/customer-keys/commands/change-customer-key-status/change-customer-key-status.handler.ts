import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventMetadata } from '@atrest/contracts';
import { CustomerKeyStore } from '../../../key-material/customer-key.store';
import type { CustomerKeyRef } from '../../../key-ring/domain/customer-key';
import { KeyRings } from '../../../key-ring/key-rings';
import { KeyRingViews } from '../../../key-ring/projections/key-ring.view';
import { keyNotFound } from '../../customer-key.errors';
import { customerKeyResource, type CustomerKeyResource } from '../../customer-key.resource';

export interface CustomerKeyStatusChange extends CustomerKeyResource {
  /** The accounts whose key ring this key protects (each got KeyRevoked / KeyRestored). */
  accounts: string[];
}

/**
 * Revoke or restore a customer key. The vault's status changes first, in
 * one transaction: from its commit on, the data-key path (which checks the
 * status on every call) refuses or serves every account using the key. Then
 * each of those rings records KeyRevoked / KeyRestored, which the data plane
 * follows on atrest.keys. Both steps are idempotent: repeating the call
 * completes a fan-out that was cut short.
 */
@Injectable()
export class ChangeCustomerKeyStatusHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CustomerKeyStore,
    private readonly views: KeyRingViews,
    private readonly keyRings: KeyRings,
  ) {}

  async execute(ref: CustomerKeyRef, status: 'active' | 'revoked', metadata: EventMetadata): Promise<CustomerKeyStatusChange> {
    const now = new Date();
    const row = await this.dataSource.transaction(async (manager) => {
      if (!(await this.store.find(manager, ref, 'update'))) throw keyNotFound(ref);
      await this.store.setStatus(manager, ref, status, now);
      return (await this.store.find(manager, ref))!;
    });
    const accounts = await this.views.accountsUsing(ref);
    for (const accountName of accounts)
      await this.keyRings.execute(accountName, { type: status === 'revoked' ? 'RevokeKey' : 'RestoreKey', key: ref, now }, metadata);
    return { ...customerKeyResource(row), accounts };
  }
}
