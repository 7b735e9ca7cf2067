import { DomainError } from '@atrest/contracts';
import { customerKeyId, type CustomerKeyRef } from '../key-ring/domain/customer-key';

// Key Vault's own codes for its key operations (the vault stand-in answers like the vault).

export const keyNotFound = (ref: CustomerKeyRef): DomainError =>
  new DomainError('KeyNotFound', `A key with (name/id) ${customerKeyId(ref)} was not found in this key vault.`);

export const keyVersionAlreadyExists = (ref: CustomerKeyRef): DomainError =>
  new DomainError('KeyVersionAlreadyExists', `Key version ${customerKeyId(ref)} already exists with other material; key versions never change.`);
