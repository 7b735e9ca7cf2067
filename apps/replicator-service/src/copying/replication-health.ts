import { Injectable } from '@nestjs/common';

/**
 * Since when copying or comparing an account's stores has been failing
 * (cleared by the next success), in this process: the "Unavailable" part of
 * the geo-replication status.
 */
@Injectable()
export class ReplicationHealth {
  private readonly failingSince = new Map<string, Date>();

  succeeded(account: string): void {
    this.failingSince.delete(account);
  }

  failed(account: string, now: Date): void {
    if (!this.failingSince.has(account)) this.failingSince.set(account, now);
  }

  since(account: string): Date | undefined {
    return this.failingSince.get(account);
  }
}
