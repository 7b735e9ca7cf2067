/** Injection token for the gateway's DevTrust (dev CA, TLS certificate, token key). */
export const DEV_TRUST = Symbol('DEV_TRUST');
