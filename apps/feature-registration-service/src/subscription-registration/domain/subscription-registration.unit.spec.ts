import { DomainError, type FeatureEvent } from '@atrest/contracts';
import { ENCRYPTION_AT_REST, featuresOf, FEATURES_NAMESPACE, resolveFeature, resolveNamespace, STORAGE_NAMESPACE } from './provider-catalog';
import { evolve, initialState, type SubscriptionRegistration } from './subscription-registration';
import type { RegistrationCommand } from './subscription-registration.commands';
import { decide } from './subscription-registration.decide';

const subscriptionId = '00000000-0000-0000-0000-000000000001';
const t0 = new Date('2026-11-29T10:00:00.000Z');
const at = (secondsAfterT0: number) => new Date(t0.getTime() + secondsAfterT0 * 1000);

const provider = (at: Date) => ({ subscriptionId, providerNamespace: STORAGE_NAMESPACE, at: at.toISOString() });
const feature = (at: Date) => ({ ...provider(at), featureName: ENCRYPTION_AT_REST });

const providerRegistered: FeatureEvent = { type: 'ResourceProviderRegistered', data: provider(t0) };
const providerUnregistered: FeatureEvent = { type: 'ResourceProviderUnregistered', data: provider(at(1)) };
const requested: FeatureEvent = { type: 'FeatureRegistrationRequested', data: feature(at(10)) };
const approved: FeatureEvent = { type: 'FeatureRegistered', data: feature(at(20)) };
const rejected: FeatureEvent = { type: 'FeatureRegistrationRejected', data: { ...feature(at(20)), reason: 'preview is full' } };
const unregistered: FeatureEvent = { type: 'FeatureUnregistered', data: feature(at(30)) };

/** A command without its context (subscription and time), distributed over the union. */
type WithoutContext<C> = C extends RegistrationCommand ? Omit<C, 'subscriptionId' | 'now'> : never;
type Command = WithoutContext<RegistrationCommand>;

const stateOf = (events: readonly FeatureEvent[]): SubscriptionRegistration => events.reduce(evolve, initialState());

/** given(history).when(command at time).then(new events) / .thenRefuses(code) */
const given = (...history: FeatureEvent[]) => ({
  when: (command: Command, now = at(100)) => {
    const run = () => decide({ ...command, subscriptionId, now } as RegistrationCommand, stateOf(history));
    return {
      then: (expected: readonly FeatureEvent[]) => expect(run()).toEqual(expected),
      thenRefuses: (code: string) => {
        let error: unknown;
        try {
          run();
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe(code);
        return error as DomainError;
      },
    };
  },
});

describe('subscription registration: Microsoft.Storage resource provider', () => {
  it('registers at once, and again after an unregistration', () => {
    given().when({ type: 'RegisterResourceProvider' }).then([{ type: 'ResourceProviderRegistered', data: provider(at(100)) }]);
    given(providerRegistered, providerUnregistered)
      .when({ type: 'RegisterResourceProvider' })
      .then([{ type: 'ResourceProviderRegistered', data: provider(at(100)) }]);
  });

  it('is idempotent: registering a registered provider, or unregistering one that is not, adds nothing', () => {
    given(providerRegistered).when({ type: 'RegisterResourceProvider' }).then([]);
    given().when({ type: 'UnregisterResourceProvider' }).then([]);
    given(providerRegistered, providerUnregistered).when({ type: 'UnregisterResourceProvider' }).then([]);
  });

  it('unregisters a registered provider', () => {
    given(providerRegistered).when({ type: 'UnregisterResourceProvider' }).then([{ type: 'ResourceProviderUnregistered', data: provider(at(100)) }]);
  });
});

describe('subscription registration: EncryptionAtRest feature', () => {
  it('refuses a feature registration before the provider is registered, saying how to register it', () => {
    const error = given().when({ type: 'RegisterFeature' }).thenRefuses('ResourceProviderNotRegistered');
    expect(error.message).toContain(`POST /subscriptions/${subscriptionId}/providers/Microsoft.Storage/register`);
    given(providerRegistered, providerUnregistered).when({ type: 'RegisterFeature' }).thenRefuses('ResourceProviderNotRegistered');
  });

  it('asks for approval once the provider is registered', () => {
    given(providerRegistered).when({ type: 'RegisterFeature' }).then([{ type: 'FeatureRegistrationRequested', data: feature(at(100)) }]);
  });

  it('is idempotent while Pending or Registered (even if the provider was unregistered since)', () => {
    given(providerRegistered, requested).when({ type: 'RegisterFeature' }).then([]);
    given(providerRegistered, requested, approved).when({ type: 'RegisterFeature' }).then([]);
    given(providerRegistered, requested, approved, providerUnregistered).when({ type: 'RegisterFeature' }).then([]);
  });

  it('may ask again after a rejection or an unregistration', () => {
    const again = [{ type: 'FeatureRegistrationRequested', data: feature(at(100)) }] as const;
    given(providerRegistered, requested, rejected).when({ type: 'RegisterFeature' }).then(again);
    given(providerRegistered, requested, approved, unregistered).when({ type: 'RegisterFeature' }).then(again);
  });

  it('unregisters a registered feature or withdraws a pending request; otherwise nothing to do', () => {
    const left = [{ type: 'FeatureUnregistered', data: feature(at(100)) }] as const;
    given(providerRegistered, requested, approved).when({ type: 'UnregisterFeature' }).then(left);
    given(providerRegistered, requested).when({ type: 'UnregisterFeature' }).then(left);
    given(providerRegistered).when({ type: 'UnregisterFeature' }).then([]);
    given(providerRegistered, requested, rejected).when({ type: 'UnregisterFeature' }).then([]);
    given(providerRegistered, requested, approved, unregistered).when({ type: 'UnregisterFeature' }).then([]);
  });
});

describe('subscription registration: approval', () => {
  it('an operator approves a pending request; the event carries the approval time', () => {
    given(providerRegistered, requested).when({ type: 'ApproveFeatureRegistration' }, at(15)).then([{ type: 'FeatureRegistered', data: feature(at(15)) }]);
  });

  it('approving an approved request adds nothing (concurrent approvers, restarts)', () => {
    given(providerRegistered, requested, approved).when({ type: 'ApproveFeatureRegistration' }).then([]);
    given(providerRegistered, requested, approved).when({ type: 'ApproveFeatureRegistration', pendingForAtLeastMs: 0 }).then([]);
  });

  it('refuses an operator approval of what is not pending', () => {
    given(providerRegistered).when({ type: 'ApproveFeatureRegistration' }).thenRefuses('FeatureRegistrationNotPending');
    given(providerRegistered, requested, rejected).when({ type: 'ApproveFeatureRegistration' }).thenRefuses('FeatureRegistrationNotPending');
    given(providerRegistered, requested, unregistered).when({ type: 'ApproveFeatureRegistration' }).thenRefuses('FeatureRegistrationNotPending');
  });

  it('the auto policy approves only once the request has waited its delay', () => {
    given(providerRegistered, requested).when({ type: 'ApproveFeatureRegistration', pendingForAtLeastMs: 2000 }, at(11.999)).then([]);
    given(providerRegistered, requested)
      .when({ type: 'ApproveFeatureRegistration', pendingForAtLeastMs: 2000 }, at(12))
      .then([{ type: 'FeatureRegistered', data: feature(at(12)) }]);
  });

  it('the auto policy finds nothing to do when the request was withdrawn or rejected meanwhile', () => {
    given(providerRegistered, requested, unregistered).when({ type: 'ApproveFeatureRegistration', pendingForAtLeastMs: 0 }).then([]);
    given(providerRegistered, requested, rejected).when({ type: 'ApproveFeatureRegistration', pendingForAtLeastMs: 0 }).then([]);
  });

  it('an operator rejects a pending request with a reason', () => {
    given(providerRegistered, requested)
      .when({ type: 'RejectFeatureRegistration', reason: 'preview is full' })
      .then([{ type: 'FeatureRegistrationRejected', data: { ...feature(at(100)), reason: 'preview is full' } }]);
  });

  it('refuses to reject what is not pending', () => {
    given(providerRegistered).when({ type: 'RejectFeatureRegistration', reason: 'no' }).thenRefuses('FeatureRegistrationNotPending');
    given(providerRegistered, requested, approved).when({ type: 'RejectFeatureRegistration', reason: 'no' }).thenRefuses('FeatureRegistrationNotPending');
    given(providerRegistered, requested, rejected).when({ type: 'RejectFeatureRegistration', reason: 'no' }).thenRefuses('FeatureRegistrationNotPending');
  });
});

describe('subscription registration: evolve', () => {
  it('starts with nothing registered', () => {
    expect(stateOf([])).toEqual({ provider: 'NotRegistered', feature: 'NotRegistered' });
  });

  it('follows the provider', () => {
    expect(stateOf([providerRegistered]).provider).toBe('Registered');
    expect(stateOf([providerRegistered, providerUnregistered]).provider).toBe('Unregistered');
  });

  it('records when the feature was requested and approved', () => {
    expect(stateOf([providerRegistered, requested])).toEqual({ provider: 'Registered', feature: 'Pending', requestedAt: at(10).toISOString() });
    expect(stateOf([providerRegistered, requested, approved])).toEqual({
      provider: 'Registered',
      feature: 'Registered',
      requestedAt: at(10).toISOString(),
      registeredAt: at(20).toISOString(),
    });
  });

  it('goes back to NotRegistered on rejection, keeping the reason until the next request', () => {
    const afterRejection = stateOf([providerRegistered, requested, rejected]);
    expect(afterRejection).toEqual({
      provider: 'Registered',
      feature: 'NotRegistered',
      rejection: { reason: 'preview is full', at: at(20).toISOString() },
    });
    expect(evolve(afterRejection, { ...requested, data: feature(at(40)) })).toEqual({
      provider: 'Registered',
      feature: 'Pending',
      requestedAt: at(40).toISOString(),
    });
  });

  it('forgets the request on unregistration', () => {
    expect(stateOf([providerRegistered, requested, approved, unregistered])).toEqual({ provider: 'Registered', feature: 'Unregistered' });
  });
});

describe('provider catalog', () => {
  it('resolves namespaces and features case-insensitively to their canonical names', () => {
    expect(resolveNamespace('microsoft.storage')).toBe(STORAGE_NAMESPACE);
    expect(resolveNamespace('MICROSOFT.FEATURES')).toBe(FEATURES_NAMESPACE);
    expect(resolveFeature('Microsoft.STORAGE', 'encryptionatrest')).toEqual({ providerNamespace: STORAGE_NAMESPACE, featureName: ENCRYPTION_AT_REST });
  });

  it('knows EncryptionAtRest of Microsoft.Storage and nothing else', () => {
    expect(featuresOf(STORAGE_NAMESPACE).map((f) => f.featureName)).toEqual([ENCRYPTION_AT_REST]);
    expect(featuresOf(FEATURES_NAMESPACE)).toEqual([]);
  });

  it('names unknown namespaces and features with stable codes', () => {
    expect(() => resolveNamespace('Microsoft.Compute')).toThrow(expect.objectContaining({ code: 'InvalidResourceNamespace' }));
    expect(() => resolveFeature('Microsoft.Compute', ENCRYPTION_AT_REST)).toThrow(expect.objectContaining({ code: 'InvalidResourceNamespace' }));
    expect(() => resolveFeature(STORAGE_NAMESPACE, 'AllowBlobPublicAccess')).toThrow(expect.objectContaining({ code: 'FeatureNotFound' }));
  });
});
