import { Inject, Injectable } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { EventStore, handleCommand } from '@atrest/event-store';
import { evolve, initialState, registrationStreamId, type SubscriptionRegistration } from '../domain/subscription-registration';
import type { RegistrationCommand } from '../domain/subscription-registration.commands';
import { decide } from '../domain/subscription-registration.decide';
import { SubscriptionRegistrationView } from '../projections/subscription-registration.view';

/**
 * Every command on a subscription's registration goes through here: load the
 * stream, decide, append (retrying on a concurrent append) and update the
 * read model in the same transaction. Returns the state after the command.
 */
@Injectable()
export class RegistrationCommandExecutor {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(SubscriptionRegistrationView) private readonly view: SubscriptionRegistrationView,
  ) {}

  async execute(command: RegistrationCommand, metadata: EventMetadata): Promise<SubscriptionRegistration> {
    const { state } = await handleCommand(this.store, {
      streamId: registrationStreamId(command.subscriptionId),
      initialState,
      evolve,
      decide: (current) => decide(command, current),
      now: command.now,
      metadata,
      project: (_events, next, manager) => this.view.save(command.subscriptionId, next, manager),
    });
    return state;
  }
}
