/**
 * How this deployment approves EncryptionAtRest requests: `auto` approves a
 * request once it has been pending `delayMs`; `manual` leaves it to operators.
 */
export interface ApprovalPolicy {
  readonly mode: 'auto' | 'manual';
  readonly delayMs: number;
}

export const APPROVAL_POLICY = Symbol('APPROVAL_POLICY');
