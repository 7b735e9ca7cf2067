import { Module } from '@nestjs/common';
import { provideEventSubscriber } from '@atrest/messaging';
import { CreateReplicatedAccounts1765000000000 } from './migrations/1765000000000-create-replicated-accounts';
import { ReplicatedAccountsProjection } from './replicated-accounts.projection';

export const accountsMigrations = [CreateReplicatedAccounts1765000000000];

/** Which accounts are geo-redundant, where, and whether they are being failed over (atrest.accounts). */
@Module({ providers: [...provideEventSubscriber(ReplicatedAccountsProjection)] })
export class AccountsModule {}
