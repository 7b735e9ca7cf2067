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
  /**
   * The highest account stream version whose KeySourceChangeRequested this
   * ring has answered: a redelivered request is answered once. Kept across
   * deletion, as the account's stream continues when its name is taken again.
   */
  readonly answeredAccountVersion: number;
}

/** What a ring shows (GET encryptionKeys, the key_rings view): which requests it answered stays in its stream. */
export type PublicKeyRing = Omit<KeyRing, 'answeredAccountVersion'>;

/** The exhaustiveness check of a switch over a union: compile-time error when a case is missing. */
export const unreachable = (value: never): never => {
  throw new Error(`unexpected ${JSON.stringify((value as { type?: string }).type)}`);
};

export const keyRingStreamId = (accountName: string): string => `AccountKeyRing-${accountName}`;

export const initialKeyRing = (): KeyRing => ({ versions: [], currentVersion: 0, lastVersion: 0, revoked: false, answeredAccountVersion: 0 });

/** Whether the ring exists under that subscription and resource group (ARM compares them case-insensitively). */
export const isRingOf = <R extends PublicKeyRing>(ring: R, path: AccountPath): ring is R & { account: AccountPath } => {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return ring.account !== undefined && same(ring.account.subscriptionId, path.subscriptionId) && same(ring.account.resourceGroup, path.resourceGroup);
};

export const keySourceOf = (ring: PublicKeyRing): 'Microsoft.Storage' | 'Microsoft.Keyvault' =>
  ring.customerKey ? 'Microsoft.Keyvault' : 'Microsoft.Storage';

const accountOf = ({ subscriptionId, resourceGroup, accountName }: AccountPath): AccountPath => ({ subscriptionId, resourceGroup, accountName });

const answered = (ring: KeyRing, accountStreamVersion: number | undefined): KeyRing =>
  accountStreamVersion === undefined ? ring : { ...ring, answeredAccountVersion: Math.max(ring.answeredAccountVersion, accountStreamVersion) };

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
        answeredAccountVersion: ring.answeredAccountVersion,
      };
    case 'KeyRotated':
      return {
        ...ring,
        versions: [...ring.versions, { version: event.data.kekVersion, createdAt: event.data.rotatedAt }],
        currentVersion: event.data.kekVersion,
        lastVersion: event.data.kekVersion,
      };
    case 'CustomerManagedKeyConfigured':
      return { ...answered(ring, event.data.accountStreamVersion), customerKey: event.data.keyVaultProperties };
    case 'CustomerManagedKeyRemoved':
      return { ...answered(ring, event.data.accountStreamVersion), customerKey: undefined };
    case 'KeySourceUnchanged':
    case 'KeySourceChangeRejected':
      return answered(ring, event.data.accountStreamVersion);
    case 'KeyRevoked':
      return { ...ring, revoked: true };
    case 'KeyRestored':
      return { ...ring, revoked: false };
    case 'KeyRingDeleted':
      return { ...initialKeyRing(), lastVersion: ring.lastVersion, answeredAccountVersion: ring.answeredAccountVersion };
    default:
      return unreachable(event);
  }
};
