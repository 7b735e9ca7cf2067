import type { ArmStatusTable } from '@atrest/azure-wire';
import { RegistrationErrorCodes } from '../domain/subscription-registration.errors';

/** HTTP status of each refusal of this service (ArmExceptionFilter answers 400 for codes not listed). */
export const registrationStatusTable: ArmStatusTable = {
  [RegistrationErrorCodes.invalidResourceNamespace]: 404,
  [RegistrationErrorCodes.featureNotFound]: 404,
  [RegistrationErrorCodes.resourceProviderNotRegistered]: 409,
  [RegistrationErrorCodes.resourceProviderUnregistrationNotAllowed]: 409,
  [RegistrationErrorCodes.featureRegistrationNotPending]: 409,
};
