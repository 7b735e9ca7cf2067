import type { EventEnvelope, KeyRingEvent, KeyVaultKey } from '@atrest/contracts';
import type { AccountPath } from './key-ring.errors';

export interface KekVersion {
  readonly version: number;
  readonly createdAt: string;
}

/** An account's key ring, folded from stream AccountKeyRing-<accountName>. */
export interface KeyRing {
  /** Undefined while there is no ring: never created, or deleted with its account. */
  readonly account?: AccountPath;
  readonly versions: readonly KekVersion[];
  /** The version new data keys are wrapped with (0 without a ring). */
  readonly currentVersion: number;
  /** Highest version ever issued: versions are never reused, not even after the ring was deleted. */
  readonly lastVersion: number;
  /** keySource Microsoft.Keyvault when set, Microsoft.Storage otherwise. */
  readonly customerKey?: KeyVaultKey;
  readonly revoked: boolean;
}

/** The exhaustiveness check of a switch over a union: compile-time error when a case is missing. */
export const unreachable = (value: never): never => {
  throw new Error(`unexpected ${JSON.stringify((value as { type?: string }).type)}`);
};

export const keyRingStreamId = (accountName: string): string => `AccountKeyRing-${accountName}`;

export const initialKeyRing = (): KeyRing => ({ versions: [], currentVersion: 0, lastVersion: 0, revoked: false });

/** Whether the ring exists under that subscription and resource group (ARM compares them case-insensitively). */
export const isRingOf = (ring: KeyRing, path: AccountPath): ring is KeyRing & { account: AccountPath } => {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return ring.account !== undefined && same(ring.account.subscriptionId, path.subscriptionId) && same(ring.account.resourceGroup, path.resourceGroup);
};

export const keySourceOf = (ring: KeyRing): 'Microsoft.Storage' | 'Microsoft.Keyvault' =>
  ring.customerKey ? 'Microsoft.Keyvault' : 'Microsoft.Storage';

const accountOf = ({ subscriptionId, resourceGroup, accountName }: AccountPath): AccountPath => ({ subscriptionId, resourceGroup, accountName });

export const evolve = (ring: KeyRing, envelope: EventEnvelope): KeyRing => {
  const event = envelope as unknown as KeyRingEvent;
  switch (event.type) {
    case 'KeyRingCreated':
      return {
        account: accountOf(event.data),
        versions: [{ version: event.data.kekVersion, createdAt: event.data.createdAt }],
        currentVersion: event.data.kekVersion,
        lastVersion: event.data.kekVersion,
        revoked: false,
      };
    case 'KeyRotated':
      return {
        ...ring,
        versions: [...ring.versions, { version: event.data.kekVersion, createdAt: event.data.rotatedAt }],
        currentVersion: event.data.kekVersion,
        lastVersion: event.data.kekVersion,
      };
    case 'CustomerManagedKeyConfigured':
      return { ...ring, customerKey: event.data.keyVaultProperties };
    case 'CustomerManagedKeyRemoved':
      return { ...ring, customerKey: undefined };
    case 'KeyRevoked':
      return { ...ring, revoked: true };
    case 'KeyRestored':
      return { ...ring, revoked: false };
    case 'KeyRingDeleted':
      return { ...initialKeyRing(), lastVersion: ring.lastVersion };
    default:
      return unreachable(event);
  }
};
