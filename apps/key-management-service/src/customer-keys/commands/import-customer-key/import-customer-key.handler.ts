import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CustomerKeyStore } from '../../../key-material/customer-key.store';
import { KeyHierarchy } from '../../../key-material/key-hierarchy';
import type { CustomerKeyRef } from '../../../key-ring/domain/customer-key';
import { keyVersionAlreadyExists } from '../../customer-key.errors';
import { customerKeyResource, type CustomerKeyResource } from '../../customer-key.resource';

/**
 * Imports a customer key version, stored wrapped by the root key. Versions
 * are immutable: importing the same material again is a no-op, other
 * material for an existing version is refused.
 */
@Injectable()
export class ImportCustomerKeyHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CustomerKeyStore,
    private readonly hierarchy: KeyHierarchy,
  ) {}

  async execute(ref: CustomerKeyRef, material: Buffer): Promise<{ created: boolean; key: CustomerKeyResource }> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const created = await this.store.insert(manager, ref, this.hierarchy.wrapCustomerKey(ref, material), new Date());
        const row = (await this.store.find(manager, ref))!;
        if (!created) {
          const existing = this.hierarchy.openCustomerKey(ref, row.wrapped);
          try {
            if (!existing.matches(material)) throw keyVersionAlreadyExists(ref);
          } finally {
            existing.destroy();
          }
        }
        return { created, key: customerKeyResource(row) };
      });
    } finally {
      material.fill(0);
    }
  }
}
