/** Injection token for the service's validated config object (see PlatformModule). */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
