import { DomainError } from '@atrest/contracts';

// Refusals of the Blob service, by Azure's codes (libs/azure-wire
// storage-error-codes gives each its status and standard message, used when
// no message is given here).

export type BlobErrorCode =
  | 'AccountNotFound'
  | 'AppendPositionConditionNotMet'
  | 'AuthorizationFailure'
  | 'BlobAlreadyExists'
  | 'BlobNotFound'
  | 'BlobTypeNotSupported'
  | 'BlockCountExceedsLimit'
  | 'BlockListTooLong'
  | 'CannotVerifyCopySource'
  | 'ConditionNotMet'
  | 'ContainerAlreadyExists'
  | 'ContainerNotFound'
  | 'EmptyMetadataKey'
  | 'InvalidBlobType'
  | 'InvalidBlockId'
  | 'InvalidBlockList'
  | 'InvalidHeaderValue'
  | 'InvalidMd5'
  | 'InvalidMetadata'
  | 'InvalidPageRange'
  | 'InvalidQueryParameterValue'
  | 'InvalidRange'
  | 'InvalidResourceName'
  | 'InvalidXmlDocument'
  | 'KeyVaultEncryptionKeyNotFound'
  | 'LeaseAlreadyPresent'
  | 'LeaseIdMismatchWithBlobOperation'
  | 'LeaseIdMismatchWithContainerOperation'
  | 'LeaseIdMismatchWithLeaseOperation'
  | 'LeaseIdMissing'
  | 'LeaseIsBreakingAndCannotBeAcquired'
  | 'LeaseIsBreakingAndCannotBeChanged'
  | 'LeaseIsBrokenAndCannotBeRenewed'
  | 'LeaseLost'
  | 'LeaseNotPresentWithBlobOperation'
  | 'LeaseNotPresentWithContainerOperation'
  | 'LeaseNotPresentWithLeaseOperation'
  | 'MaxBlobSizeConditionNotMet'
  | 'Md5Mismatch'
  | 'MetadataTooLarge'
  | 'MissingContentLengthHeader'
  | 'MissingRequiredHeader'
  | 'RequestBodyTooLarge'
  | 'ResourceNotFound'
  | 'ServerBusy'
  | 'UnsupportedHeader'
  | 'UnsupportedHttpVerb'
  | 'WriteOperationNotSupportedOnSecondary';

/** A Blob service refusal; without a message, Azure's standard one for the code. */
export const blobError = (code: BlobErrorCode, message = ''): DomainError => new DomainError(code, message);
