/**
 * Azure Blob error codes a client of atrest can trigger, with the status and
 * message Azure uses for each (Blob service error codes reference). Domain
 * code throws DomainError(code, message?); the edge looks the status up here.
 */
export const storageErrorCodes = {
  // 400
  InvalidHeaderValue: [400, 'The value for one of the HTTP headers is not in the correct format.'],
  InvalidQueryParameterValue: [400, 'Value for one of the query parameters specified in the request URI is invalid.'],
  InvalidUri: [400, 'The requested URI does not represent any resource on the server.'],
  MissingRequiredHeader: [400, 'An HTTP header that is mandatory for this request is not specified.'],
  MissingRequiredQueryParameter: [400, 'A query parameter that is mandatory for this request is not specified.'],
  InvalidXmlDocument: [400, 'XML specified is not syntactically valid.'],
  InvalidXmlNodeValue: [400, 'The value for one of the XML nodes is not in the correct format.'],
  InvalidBlockId: [400, 'The specified block ID is invalid. The block ID must be Base64-encoded.'],
  InvalidBlockList: [400, 'The specified block list is invalid.'],
  InvalidBlobOrBlock: [400, 'The specified blob or block content is invalid.'],
  InvalidPageRange: [416, 'The page range specified is invalid.'],
  InvalidResourceName: [400, 'The specifed resource name contains invalid characters.'],
  InvalidInput: [400, 'One of the request inputs is not valid.'],
  AccountRequiresHttps: [400, 'The account being accessed does not support http.'],
  ExceedsMaxBatchRequestCount: [400, 'The batch operation exceeds maximum number of allowed subrequests.'],
  AllBatchSubRequestsShouldBeSameApi: [400, 'All batch subrequests should be the same api.'],
  InvalidMetadata: [400, 'The metadata specified is invalid. It has characters that are not permitted.'],
  EmptyMetadataKey: [400, 'The key for one of the metadata key-value pairs is empty.'],
  MetadataTooLarge: [400, 'The size of the specified metadata exceeds the maximum size permitted.'],
  InvalidMd5: [400, 'The MD5 value specified in the request is invalid. The MD5 value must be 128 bits and Base64-encoded.'],
  BlockListTooLong: [400, 'The block list may not contain more than 50,000 blocks.'],
  Md5Mismatch: [400, 'The MD5 value specified in the request did not match with the MD5 value calculated by the server.'],
  OutOfRangeInput: [400, 'One of the request inputs is out of range.'],
  UnsupportedHeader: [400, 'One of the HTTP headers specified in the request is not supported.'],
  InvalidBlobType: [409, 'The blob type is invalid for this operation.'],
  // Premium accounts hold page blobs only; the message names the refused type.
  BlobTypeNotSupported: [400, 'Block blobs are not supported.'],
  // 401
  NoAuthenticationInformation: [401, 'Server failed to authenticate the request. Please refer to the information in the www-authenticate header.'],
  // 403
  AuthenticationFailed: [403, 'Server failed to authenticate the request. Make sure the value of the Authorization header is formed correctly including the signature.'],
  AuthorizationFailure: [403, 'This request is not authorized to perform this operation.'],
  // A valid SAS that does not cover the request.
  AuthorizationPermissionMismatch: [403, 'This request is not authorized to perform this operation using this permission.'],
  AuthorizationResourceTypeMismatch: [403, 'This request is not authorized to perform this operation using this resource type.'],
  AuthorizationServiceMismatch: [403, 'This request is not authorized to perform this operation using this service.'],
  AuthorizationProtocolMismatch: [403, 'This request is not authorized to perform this operation using this protocol.'],
  AuthorizationSourceIPMismatch: [403, 'This request is not authorized to perform this operation using this source IP.'],
  UnauthorizedBlobOverwrite: [403, 'This request is not authorized to perform blob overwrites.'],
  InsufficientAccountPermissions: [403, 'The account being accessed does not have sufficient permissions to execute this operation.'],
  WriteOperationNotSupportedOnSecondary: [403, 'Write operations are not allowed on the secondary location of a read-access geo-redundant account.'],
  KeyVaultEncryptionKeyNotFound: [403, 'The key vault key used to encrypt this account is not found or is disabled; data cannot be read or written until the key is restored.'],
  // 404
  ResourceNotFound: [404, 'The specified resource does not exist.'],
  AccountNotFound: [404, 'The specified account does not exist.'],
  ContainerNotFound: [404, 'The specified container does not exist.'],
  BlobNotFound: [404, 'The specified blob does not exist.'],
  CannotVerifyCopySource: [404, 'The specified resource does not exist.'],
  // 405
  UnsupportedHttpVerb: [405, 'The resource doesn\'t support the specified HTTP verb.'],
  // 409
  ContainerAlreadyExists: [409, 'The specified container already exists.'],
  ContainerBeingDeleted: [409, 'The specified container is being deleted.'],
  BlobAlreadyExists: [409, 'The specified blob already exists.'],
  PublicAccessNotPermitted: [409, 'Public access is not permitted on this storage account.'],
  LeaseAlreadyPresent: [409, 'There is already a lease present.'],
  LeaseIdMismatchWithLeaseOperation: [409, 'The lease ID specified did not match the lease ID for the blob/container.'],
  LeaseNotPresentWithLeaseOperation: [409, 'There is currently no lease on the blob/container.'],
  LeaseIsBreakingAndCannotBeAcquired: [409, 'The lease ID matched, but the lease is currently in breaking state and cannot be acquired until it is broken.'],
  LeaseIsBreakingAndCannotBeChanged: [409, 'The lease ID matched, but the lease is currently in breaking state and cannot be changed.'],
  CopyIdMismatch: [409, 'The specified copy ID did not match the copy ID for the pending copy operation.'],
  NoPendingCopyOperation: [409, 'There is currently no pending copy operation.'],
  PreviousSnapshotNotFound: [409, 'The previous snapshot is not found.'],
  LeaseIsBrokenAndCannotBeRenewed: [409, 'The lease ID matched, but the lease has been broken explicitly and cannot be renewed.'],
  InvalidOperation: [400, 'Invalid operation against a blob snapshot.'],
  // 411, 412, 413, 416
  MissingContentLengthHeader: [411, 'The Content-Length header was not specified.'],
  ConditionNotMet: [412, 'The condition specified using HTTP conditional header(s) is not met.'],
  LeaseIdMissing: [412, 'There is currently a lease on the blob/container and no lease ID was specified in the request.'],
  LeaseIdMismatchWithBlobOperation: [412, 'The lease ID specified did not match the lease ID for the blob.'],
  LeaseIdMismatchWithContainerOperation: [412, 'The lease ID specified did not match the lease ID for the container.'],
  LeaseNotPresentWithBlobOperation: [412, 'There is currently no lease on the blob.'],
  LeaseNotPresentWithContainerOperation: [412, 'There is currently no lease on the container.'],
  LeaseLost: [412, 'A lease ID was specified, but the lease for the blob/container has expired.'],
  AppendPositionConditionNotMet: [412, 'The append position condition specified was not met.'],
  MaxBlobSizeConditionNotMet: [412, 'The max blob size condition specified was not met.'],
  SequenceNumberConditionNotMet: [412, 'The sequence number condition specified was not met.'],
  SourceConditionNotMet: [412, 'The source condition specified using HTTP conditional header(s) is not met.'],
  TargetConditionNotMet: [412, 'The target condition specified using HTTP conditional header(s) is not met.'],
  RequestBodyTooLarge: [413, 'The request body is too large and exceeds the maximum permissible limit.'],
  BlockCountExceedsLimit: [409, 'The committed block count cannot exceed the maximum limit of 50,000 blocks.'],
  InvalidRange: [416, 'The range specified is invalid for the current size of the resource.'],
  // 500, 503
  InternalError: [500, 'The server encountered an internal error. Please retry the request.'],
  OperationTimedOut: [500, 'The operation could not be completed within the permitted time.'],
  ServerBusy: [503, 'The server is currently unable to receive requests. Please retry your request.'],
} as const satisfies Record<string, readonly [number, string]>;

export type StorageErrorCode = keyof typeof storageErrorCodes;
