interface CommandBase {
  readonly subscriptionId: string;
  readonly now: Date;
}

export type RegisterResourceProvider = CommandBase & { readonly type: 'RegisterResourceProvider' };
export type UnregisterResourceProvider = CommandBase & { readonly type: 'UnregisterResourceProvider' };
export type RegisterFeature = CommandBase & { readonly type: 'RegisterFeature' };
export type UnregisterFeature = CommandBase & { readonly type: 'UnregisterFeature' };
export type ApproveFeatureRegistration = CommandBase & {
  readonly type: 'ApproveFeatureRegistration';
  /**
   * Set by the auto-approval policy: approve only a request pending at least
   * this long, and treat anything else as nothing to do (the request may have
   * been withdrawn or approved since the policy looked).
   */
  readonly pendingForAtLeastMs?: number;
};
export type RejectFeatureRegistration = CommandBase & { readonly type: 'RejectFeatureRegistration'; readonly reason: string };

export type RegistrationCommand =
  | RegisterResourceProvider
  | UnregisterResourceProvider
  | RegisterFeature
  | UnregisterFeature
  | ApproveFeatureRegistration
  | RejectFeatureRegistration;
