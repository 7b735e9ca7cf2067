import type { AccessTier } from '@atrest/contracts';

/** An account as the data plane sees it (account_encryption_state joined with account_key_state). */
export interface DataPlaneAccount {
  readonly name: string;
  readonly subscriptionId: string;
  /** Unknown only for a row older than the column until the account's next event. */
  readonly resourceGroup?: string;
  /** Where its data lives: the region store of its primary location. */
  readonly region: string;
  readonly sku: string;
  readonly kind: string;
  /** The SSE switch as of the moment this row was read (the consistency contract). */
  readonly encryptionEnabled: boolean;
  readonly incarnation: number;
  /** Its customer-managed key is revoked: no data may be read or written. */
  readonly keyRevoked: boolean;
  /** A failover to the secondary region is being prepared: writes wait for it (docs/adr/0007). */
  readonly geoFailoverPending?: boolean;
  /** The default access tier of its blobs (Standard StorageV2 and BlobStorage accounts); none: the account has no tiers. */
  readonly accessTier?: AccessTier;
}
