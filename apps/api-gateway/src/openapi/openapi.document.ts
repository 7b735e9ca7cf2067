import { API_VERSIONS } from '../routing/routes';

/**
 * OpenAPI 3.1 description of the management plane the gateway serves
 * (GET /openapi.json). Hand-written: the services behind the gateway own the
 * behaviour, this is the contract a client sees. openapi.document.unit.spec.ts
 * checks it against the routing table, so neither can drift alone.
 */

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' };
const dateTime = { type: 'string', format: 'date-time' };
const tags = { type: 'object', additionalProperties: { type: 'string' } };
const enumOf = (...values: string[]) => ({ type: 'string', enum: values });
const listOf = (item: string) => ({ type: 'object', required: ['value'], properties: { value: { type: 'array', items: ref(item) }, nextLink: str } });
const json = (schema: Schema) => ({ 'application/json': { schema } });
const pathParam = (name: string, description: string, schema: Schema = { type: 'string' }) => ({ name, in: 'path', required: true, description, schema });
const apiVersion = (versions: readonly string[]) => ({
  name: 'api-version',
  in: 'query',
  required: true,
  description: 'API version of the call; another value is refused with InvalidApiVersionParameter.',
  schema: { type: 'string', enum: [...versions] },
});

const P = {
  subscriptionId: pathParam('subscriptionId', 'Subscription id (a GUID); the bearer token must name it in its subscriptions claim.'),
  resourceGroupName: pathParam('resourceGroupName', 'Resource group name (case-insensitive).', { type: 'string', pattern: '^[-\\w._()]{1,90}$' }),
  accountName: pathParam('accountName', 'Storage account name: 3-24 lowercase letters and digits, globally unique.', {
    type: 'string',
    pattern: '^[a-z0-9]{3,24}$',
  }),
  resourceProviderNamespace: pathParam('resourceProviderNamespace', 'Resource provider namespace, e.g. Microsoft.Storage.'),
  featureName: pathParam('featureName', 'Feature name, e.g. EncryptionAtRest.'),
  namespace: pathParam('namespace', 'Resource provider namespace of the feature, e.g. Microsoft.Storage.'),
  vaultName: pathParam('vaultName', 'Key Vault name (the vault stand-in): 3-24 letters, digits and hyphens.', { type: 'string', pattern: '^[A-Za-z0-9-]{3,24}$' }),
  keyName: pathParam('keyName', 'Key name: 1-127 letters, digits and hyphens.', { type: 'string', pattern: '^[A-Za-z0-9-]{1,127}$' }),
  keyVersion: pathParam('keyVersion', 'Key version: 1-64 letters and digits.', { type: 'string', pattern: '^[A-Za-z0-9]{1,64}$' }),
  operationId: pathParam('operationId', 'A failover operation id (a GUID), as the failover answer named it.', { type: 'string', format: 'uuid' }),
};

const ERRORS = {
  '400': { description: 'Bad request: missing or unknown api-version, malformed JSON, invalid values (ARM error).', content: json(ref('ErrorResponse')) },
  '401': {
    description: 'Missing, malformed, expired or foreign-audience token (AuthenticationFailed / InvalidAuthenticationToken), with a WWW-Authenticate: Bearer challenge.',
    content: json(ref('ErrorResponse')),
  },
  '403': { description: 'The token does not name the subscription, or lacks the Operator role (AuthorizationFailed).', content: json(ref('ErrorResponse')) },
  '404': { description: 'No such resource, or no such path (ARM error).', content: json(ref('ErrorResponse')) },
  '503': { description: 'The service behind the path is unavailable (ServiceUnavailable; Retry-After).', content: json(ref('ErrorResponse')) },
  '504': { description: 'The service behind the path did not answer in time (GatewayTimeout).', content: json(ref('ErrorResponse')) },
  default: { description: 'Any other refusal, e.g. 409 for an encryption rule of the preview, as an ARM error.', content: json(ref('ErrorResponse')) },
};

const ok = (description: string, schema?: Schema) => ({ description, ...(schema && { content: json(schema) }) });

function operation(
  operationId: string,
  tag: string,
  summary: string,
  parameters: readonly unknown[],
  responses: Record<string, unknown>,
  requestBody?: Schema,
) {
  return {
    operationId,
    tags: [tag],
    summary,
    parameters,
    ...(requestBody && { requestBody: { required: true, content: json(requestBody) } }),
    responses: { ...responses, ...ERRORS },
  };
}

const operatorOperation = (operationId: string, tag: string, summary: string, parameters: readonly unknown[], responses: Record<string, unknown>, requestBody?: Schema) => ({
  ...operation(operationId, tag, summary, parameters, responses, requestBody),
  security: [{ operatorToken: [] }],
});

const R = API_VERSIONS.resources;
const F = API_VERSIONS.features;
const S = API_VERSIONS.storage;

const accountPath = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts/{accountName}';
const accountParams = (versions: readonly string[]) => [P.subscriptionId, P.resourceGroupName, P.accountName, apiVersion(versions)];

const paths = {
  '/subscriptions/{subscriptionId}/providers': {
    get: operation('Providers_List', 'Providers', 'Resource providers of the subscription with their registrationState.', [P.subscriptionId, apiVersion(R)], {
      '200': ok('The providers.', ref('ProviderListResult')),
    }),
  },
  '/subscriptions/{subscriptionId}/providers/{resourceProviderNamespace}': {
    get: operation('Providers_Get', 'Providers', 'One resource provider.', [P.subscriptionId, P.resourceProviderNamespace, apiVersion(R)], {
      '200': ok('The provider.', ref('Provider')),
    }),
  },
  '/subscriptions/{subscriptionId}/providers/{resourceProviderNamespace}/register': {
    post: operation('Providers_Register', 'Providers', 'Registers the subscription with a resource provider (Register-AzureRmResourceProvider).', [P.subscriptionId, P.resourceProviderNamespace, apiVersion(R)], {
      '200': ok('The provider, Registering or Registered.', ref('Provider')),
    }),
  },
  '/subscriptions/{subscriptionId}/providers/{resourceProviderNamespace}/unregister': {
    post: operation('Providers_Unregister', 'Providers', 'Unregisters the subscription from a resource provider.', [P.subscriptionId, P.resourceProviderNamespace, apiVersion(R)], {
      '200': ok('The provider, Unregistering or Unregistered.', ref('Provider')),
    }),
  },
  '/subscriptions/{subscriptionId}/providers/Microsoft.Features/features': {
    get: operation('Features_ListAll', 'Features', 'Every preview feature of the subscription.', [P.subscriptionId, apiVersion(F)], {
      '200': ok('The features.', ref('FeatureListResult')),
    }),
  },
  '/subscriptions/{subscriptionId}/providers/Microsoft.Features/providers/{namespace}/features': {
    get: operation('Features_List', 'Features', 'Preview features of one resource provider.', [P.subscriptionId, P.namespace, apiVersion(F)], {
      '200': ok('The features.', ref('FeatureListResult')),
    }),
  },
  '/subscriptions/{subscriptionId}/providers/Microsoft.Features/providers/{namespace}/features/{featureName}': {
    get: operation('Features_Get', 'Features', 'One preview feature and its state (Get-AzureRmProviderFeature).', [P.subscriptionId, P.namespace, P.featureName, apiVersion(F)], {
      '200': ok('The feature.', ref('FeatureResult')),
    }),
  },
  '/subscriptions/{subscriptionId}/providers/Microsoft.Features/providers/{namespace}/features/{featureName}/register': {
    post: operation(
      'Features_Register',
      'Features',
      'Asks to join a preview (Register-AzureRmProviderFeature); Registered once approved. Refused until the provider is registered.',
      [P.subscriptionId, P.namespace, P.featureName, apiVersion(F)],
      { '200': ok('The feature, Registering/Pending or Registered.', ref('FeatureResult')) },
    ),
  },
  '/subscriptions/{subscriptionId}/providers/Microsoft.Features/providers/{namespace}/features/{featureName}/unregister': {
    post: operation('Features_Unregister', 'Features', 'Leaves a preview.', [P.subscriptionId, P.namespace, P.featureName, apiVersion(F)], {
      '200': ok('The feature, Unregistering or Unregistered.', ref('FeatureResult')),
    }),
  },
  '/subscriptions/{subscriptionId}/resourcegroups': {
    get: operation('ResourceGroups_List', 'ResourceGroups', 'Resource groups of the subscription.', [P.subscriptionId, apiVersion(R)], {
      '200': ok('The resource groups.', ref('ResourceGroupListResult')),
    }),
  },
  '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}': {
    put: operation('ResourceGroups_CreateOrUpdate', 'ResourceGroups', 'Creates or updates a resource group.', [P.subscriptionId, P.resourceGroupName, apiVersion(R)], {
      '200': ok('Updated.', ref('ResourceGroup')),
      '201': ok('Created.', ref('ResourceGroup')),
    }, ref('ResourceGroupCreate')),
    get: operation('ResourceGroups_Get', 'ResourceGroups', 'One resource group.', [P.subscriptionId, P.resourceGroupName, apiVersion(R)], {
      '200': ok('The resource group.', ref('ResourceGroup')),
    }),
    head: operation('ResourceGroups_CheckExistence', 'ResourceGroups', 'Whether the resource group exists.', [P.subscriptionId, P.resourceGroupName, apiVersion(R)], {
      '204': ok('It exists.'),
    }),
    patch: operation('ResourceGroups_Update', 'ResourceGroups', 'Changes the tags of a resource group.', [P.subscriptionId, P.resourceGroupName, apiVersion(R)], {
      '200': ok('Updated.', ref('ResourceGroup')),
    }, ref('ResourceGroupPatch')),
    delete: operation('ResourceGroups_Delete', 'ResourceGroups', 'Deletes a resource group.', [P.subscriptionId, P.resourceGroupName, apiVersion(R)], {
      '200': ok('Deleted.'),
      '202': ok('Deletion accepted (poll Location).'),
    }),
  },
  '/subscriptions/{subscriptionId}/providers/Microsoft.Storage/checkNameAvailability': {
    post: operation('StorageAccounts_CheckNameAvailability', 'StorageAccounts', 'Whether an account name is valid and free.', [P.subscriptionId, apiVersion(S)], {
      '200': ok('The answer.', ref('CheckNameAvailabilityResult')),
    }, ref('StorageAccountCheckNameAvailabilityParameters')),
  },
  '/subscriptions/{subscriptionId}/providers/Microsoft.Storage/storageAccounts': {
    get: operation('StorageAccounts_List', 'StorageAccounts', 'Storage accounts of the subscription.', [P.subscriptionId, apiVersion(S)], {
      '200': ok('The accounts.', ref('StorageAccountListResult')),
    }),
  },
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts': {
    get: operation('StorageAccounts_ListByResourceGroup', 'StorageAccounts', 'Storage accounts of a resource group.', [P.subscriptionId, P.resourceGroupName, apiVersion(S)], {
      '200': ok('The accounts.', ref('StorageAccountListResult')),
    }),
  },
  [accountPath]: {
    put: operation('StorageAccounts_Create', 'StorageAccounts', 'Creates a Resource Manager storage account (SSE off unless asked for); on an existing account, updates it.', accountParams(S), {
      '200': ok('Created or updated, provisioningState Succeeded.', ref('StorageAccount')),
      '201': ok('Created.', ref('StorageAccount')),
      '202': ok('Accepted (poll Location / Azure-AsyncOperation).'),
    }, ref('StorageAccountCreateParameters')),
    get: operation(
      'StorageAccounts_GetProperties',
      'StorageAccounts',
      'The account, with properties.encryption. $expand=geoReplicationStats adds the geo-replication status of a GRS/RA-GRS account (status, lastSyncTime, canFailover).',
      [...accountParams(S), { name: '$expand', in: 'query', required: false, schema: { type: 'string', enum: ['geoReplicationStats'] } }],
      { '200': ok('The account.', ref('StorageAccount')) },
    ),
    patch: operation(
      'StorageAccounts_Update',
      'StorageAccounts',
      'Changes the account; enables or disables Storage Service Encryption for blobs, sets the key source (customer-managed key). Once answered with provisioningState Succeeded, every later write follows the new setting. ' +
        'A vault key that cannot be used: 400 KeyVaultEncryptionKeyNotFound (key source unchanged); keySource Microsoft.Keyvault without keyvaultproperties: 400 MissingKeyvaultProperties; ' +
        'a key-source change still in progress: 409 AnotherOperationInProgress. Without an answer in time: 200 with provisioningState Updating.',
      accountParams(S),
      { '200': ok('The updated account.', ref('StorageAccount')) },
      ref('StorageAccountUpdateParameters'),
    ),
    delete: operation('StorageAccounts_Delete', 'StorageAccounts', 'Deletes the account.', accountParams(S), {
      '200': ok('Deleted.'),
      '204': ok('There was no such account.'),
    }),
  },
  [`${accountPath}/listKeys`]: {
    post: operation('StorageAccounts_ListKeys', 'StorageAccounts', 'The account access keys.', accountParams(S), {
      '200': ok('key1 and key2.', ref('StorageAccountListKeysResult')),
    }),
  },
  [`${accountPath}/regenerateKey`]: {
    post: operation('StorageAccounts_RegenerateKey', 'StorageAccounts', 'Replaces one access key.', accountParams(S), {
      '200': ok('The keys, one of them new.', ref('StorageAccountListKeysResult')),
    }, ref('StorageAccountRegenerateKeyParameters')),
  },
  [`${accountPath}/failover`]: {
    post: operation(
      'StorageAccounts_Failover',
      'StorageAccounts',
      'Fails a GRS/RA-GRS account over to its paired region (long-running): the account becomes Standard_LRS there; changes not yet replicated are counted in the operation. 409 FailoverNotSupported, FailoverInProgress, LastSyncTimeUnavailable.',
      accountParams(S),
      { '202': ok('Accepted: poll Azure-AsyncOperation (status) or Location (202 until done, then 200).') },
    ),
  },
  [`${accountPath}/failoverOperations/{operationId}`]: {
    get: operation('StorageAccounts_FailoverStatus', 'StorageAccounts', "A failover's status (the Azure-AsyncOperation URL).", [...accountParams(S), P.operationId], {
      '200': ok('InProgress or Succeeded, with what was not replicated once completed.', ref('FailoverOperation')),
    }),
  },
  [`${accountPath}/failoverOperations/{operationId}/result`]: {
    get: operation('StorageAccounts_FailoverResult', 'StorageAccounts', "A failover's outcome (the Location URL).", [...accountParams(S), P.operationId], {
      '200': ok('Done.', ref('FailoverOperation')),
      '202': ok('Still running (Retry-After).', ref('FailoverOperation')),
    }),
  },
  [`${accountPath}/encryptionKeys`]: {
    get: operation(
      'EncryptionKeys_Get',
      'EncryptionKeys',
      "The account's key ring: key source, state, current and past key-encryption-key versions (never key material).",
      accountParams(S),
      { '200': ok('The key ring.', ref('EncryptionKeys')) },
    ),
  },
  [`${accountPath}/encryptionKeys/rotate`]: {
    post: operation(
      'EncryptionKeys_Rotate',
      'EncryptionKeys',
      'Adds a key-encryption-key version and makes it current: new data keys use it, existing ones stay readable. Refused (403 KeyVaultEncryptionKeyNotFound) while the customer key is revoked.',
      accountParams(S),
      { '200': ok('The key ring with its new current version.', ref('EncryptionKeys')) },
    ),
  },
  [`${accountPath}/encryptionKeys/rewrap`]: {
    get: operation(
      'EncryptionKeys_GetRewrap',
      'EncryptionKeys',
      "The re-wrap of the account's stored data keys to the newest key-encryption-key version (started by every rotation; ciphertext is never touched): status and counts.",
      accountParams(S),
      { '200': ok('The re-wrap job (NotStarted if there never was one).', ref('KeyRewrap')) },
    ),
    post: operation(
      'EncryptionKeys_StartRewrap',
      'EncryptionKeys',
      'Starts re-wrapping the stored data keys to the newest version now (also retries a Blocked job at once). Long-running: poll Location / Azure-AsyncOperation (this path).',
      accountParams(S),
      {
        '200': ok('Nothing to do: every stored data key is at the newest version.', ref('KeyRewrap')),
        '202': ok('Started or running: poll Location / Azure-AsyncOperation until status is Succeeded.', ref('KeyRewrap')),
      },
    ),
  },
  '/operator/feature-registrations': {
    get: operatorOperation('Operator_ListFeatureRegistrations', 'Operator', 'Feature registrations waiting for approval (manual approval policy), and their states.', [], {
      '200': ok('The registrations.', { type: 'object', properties: { value: { type: 'array', items: ref('FeatureRegistration') } } }),
    }),
  },
  '/operator/subscriptions/{subscriptionId}/features/{namespace}/{featureName}/approve': {
    post: operatorOperation('Operator_ApproveFeatureRegistration', 'Operator', 'Approves a pending registration: the feature becomes Registered.', [P.subscriptionId, P.namespace, P.featureName], {
      '200': ok('The registration.', ref('FeatureRegistration')),
    }),
  },
  '/operator/subscriptions/{subscriptionId}/features/{namespace}/{featureName}/reject': {
    post: operatorOperation('Operator_RejectFeatureRegistration', 'Operator', 'Rejects a pending registration, with a reason.', [P.subscriptionId, P.namespace, P.featureName], {
      '200': ok('The registration.', ref('FeatureRegistration')),
    }, { type: 'object', required: ['reason'], properties: { reason: { type: 'string', minLength: 1, maxLength: 1000 } } }),
  },
  '/operator/classicStorageAccounts/{accountName}': {
    put: operatorOperation('Operator_ImportClassicStorageAccount', 'Operator', 'Brings in a classic (Service Management) account, which ARM cannot create.', [P.accountName], {
      '200': ok('The classic account.', ref('StorageAccount')),
    }, ref('ClassicStorageAccountImport')),
  },
  '/operator/classicStorageAccounts/{accountName}/migrate': {
    post: operatorOperation('Operator_MigrateClassicStorageAccount', 'Operator', 'Migrates a classic account into a Resource Manager group of its subscription (which must exist).', [P.accountName], {
      '200': ok('The migrated account.', ref('StorageAccount')),
    }, { type: 'object', required: ['resourceGroup'], properties: { resourceGroup: str } }),
  },
  '/operator/keyvault/{vaultName}/keys/{keyName}/versions/{keyVersion}': {
    put: operatorOperation(
      'Operator_ImportCustomerKey',
      'Operator',
      "Imports a customer's AES-256 key into the Key Vault stand-in. Versions are immutable: the same bytes again answer 200, other bytes 409 KeyVersionAlreadyExists.",
      [P.vaultName, P.keyName, P.keyVersion],
      { '200': ok('Already imported with these bytes.', ref('CustomerKey')), '201': ok('Imported.', ref('CustomerKey')) },
      ref('CustomerKeyImport'),
    ),
  },
  '/operator/keyvault/{vaultName}/keys/{keyName}/versions/{keyVersion}/revoke': {
    post: operatorOperation(
      'Operator_RevokeCustomerKey',
      'Operator',
      'Revokes a customer key: from the next request on, every account it protects is refused its keys (403 KeyVaultEncryptionKeyNotFound). Idempotent.',
      [P.vaultName, P.keyName, P.keyVersion],
      { '200': ok('The key, revoked, and the accounts it protects.', ref('CustomerKeyStatusChange')) },
    ),
  },
  '/operator/keyvault/{vaultName}/keys/{keyName}/versions/{keyVersion}/restore': {
    post: operatorOperation(
      'Operator_RestoreCustomerKey',
      'Operator',
      'Restores a revoked customer key: its accounts get their keys again, every data key opening to the same bytes. Idempotent.',
      [P.vaultName, P.keyName, P.keyVersion],
      { '200': ok('The key, active, and the accounts it protects.', ref('CustomerKeyStatusChange')) },
    ),
  },
  '/operator/key-audit': {
    get: operatorOperation(
      'Operator_GetKeyAudit',
      'Operator',
      'Every data-key generate, unwrap and re-wrap, allowed or denied, oldest first.',
      [
        { name: 'account', in: 'query', required: false, description: 'Only this storage account.', schema: { type: 'string', pattern: '^[a-z0-9]{3,24}$' } },
        { name: 'from', in: 'query', required: false, description: 'Only records at or after this time (ISO 8601 with offset).', schema: dateTime },
        { name: 'limit', in: 'query', required: false, description: 'At most this many records.', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
      ],
      { '200': ok('The records.', { type: 'object', required: ['value'], properties: { value: { type: 'array', items: ref('KeyAuditRecord') } } }) },
    ),
  },
  '/healthz': {
    get: {
      operationId: 'Gateway_Health',
      tags: ['Gateway'],
      summary: 'Readiness of the whole system: 200 only when every service behind the gateway is ready. No token needed.',
      security: [],
      responses: {
        '200': ok('Ready.', ref('ReadinessReport')),
        '503': ok('Not ready: the report plus an ARM error naming what is down.', { allOf: [ref('ReadinessReport'), ref('ErrorResponse')] }),
      },
    },
  },
  '/openapi.json': {
    get: { operationId: 'Gateway_OpenApi', tags: ['Gateway'], summary: 'This document. No token needed.', security: [], responses: { '200': ok('OpenAPI 3.1.', { type: 'object' }) } },
  },
};


const encryptionService = { type: 'object', properties: { enabled: { type: 'boolean' }, lastEnabledTime: { ...dateTime, readOnly: true } } };

/** The switches an atrest account has one answer to: the other is refused, 400 FeatureNotSupportedForAccount. */
const fixedSwitch = (answer: boolean, why: string) => ({ type: 'boolean', description: `Only ${answer} is taken: ${why}` });

/** `properties` of a create or update request. */
const accountRequestProperties = {
  type: 'object',
  properties: {
    encryption: ref('Encryption'),
    accessTier: enumOf('Hot', 'Cool'),
    supportsHttpsTrafficOnly: {
      type: 'boolean',
      description: 'true: the Blob endpoint refuses HTTP for this account (400 AccountRequiresHttps), HTTPS only. Default false (Azure defaults to true).',
    },
    minimumTlsVersion: { ...enumOf('TLS1_0', 'TLS1_1', 'TLS1_2'), description: 'Kept and answered; every value holds: the HTTPS Blob listener takes TLS 1.2 and later.' },
    allowSharedKeyAccess: fixedSwitch(true, 'Blob requests are authorized with the account keys only (Shared Key, SAS).'),
    allowBlobPublicAccess: fixedSwitch(false, 'no anonymous access.'),
    isHnsEnabled: fixedSwitch(false, 'no hierarchical namespace.'),
  },
};

const schemas = {
  ErrorResponse: {
    type: 'object',
    required: ['error'],
    properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: str, message: str, target: str } } },
  },
  Provider: {
    type: 'object',
    properties: {
      id: str,
      namespace: str,
      registrationState: enumOf('NotRegistered', 'Registering', 'Registered', 'Unregistering', 'Unregistered'),
      registrationPolicy: str,
      resourceTypes: {
        type: 'array',
        items: { type: 'object', properties: { resourceType: str, locations: { type: 'array', items: str }, apiVersions: { type: 'array', items: str } } },
      },
    },
  },
  ProviderListResult: listOf('Provider'),
  FeatureResult: {
    type: 'object',
    properties: {
      id: str,
      name: { ...str, examples: ['Microsoft.Storage/EncryptionAtRest'] },
      type: { ...str, const: 'Microsoft.Features/providers/features' },
      properties: { type: 'object', properties: { state: enumOf('NotRegistered', 'Registering', 'Pending', 'Registered', 'Unregistering', 'Unregistered') } },
    },
  },
  FeatureListResult: listOf('FeatureResult'),
  FeatureRegistration: {
    type: 'object',
    properties: { subscriptionId: str, providerNamespace: str, featureName: str, state: str, requestedAt: dateTime, registeredAt: dateTime, rejection: { type: 'object' } },
  },
  ResourceGroupCreate: { type: 'object', required: ['location'], properties: { location: str, tags } },
  ResourceGroupPatch: { type: 'object', properties: { tags } },
  ResourceGroup: {
    type: 'object',
    properties: { id: str, name: str, type: { ...str, const: 'Microsoft.Resources/resourceGroups' }, location: str, tags, properties: { type: 'object', properties: { provisioningState: str } } },
  },
  ResourceGroupListResult: listOf('ResourceGroup'),
  Sku: {
    type: 'object',
    required: ['name'],
    properties: { name: enumOf('Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS', 'Premium_LRS'), tier: { ...enumOf('Standard', 'Premium'), readOnly: true } },
  },
  Kind: enumOf('Storage', 'BlobStorage', 'StorageV2'),
  Encryption: {
    type: 'object',
    description:
      'Storage Service Encryption. Only blob may be enabled: Table, Queue and File data are not encrypted (refused). ' +
      'keySource Microsoft.Keyvault (api-version 2017-06-01 and later) protects the account\'s keys with the customer key named in keyvaultproperties ' +
      '(imported into the vault stand-in first): keys are re-wrapped, data is never re-encrypted. Absent keySource: unchanged.',
    properties: {
      services: { type: 'object', properties: { blob: encryptionService, file: encryptionService, table: encryptionService, queue: encryptionService } },
      keySource: { ...enumOf('Microsoft.Storage', 'Microsoft.Keyvault'), default: 'Microsoft.Storage', description: 'Case-insensitive.' },
      keyvaultproperties: { ...ref('KeyVaultProperties'), description: 'Required with keySource Microsoft.Keyvault, refused otherwise.' },
      requireInfrastructureEncryption: {
        type: 'boolean',
        description: 'Blob data is encrypted once: true (a second, infrastructure layer) is refused, 400 InfrastructureEncryptionNotSupported.',
      },
    },
  },
  Endpoints: { type: 'object', properties: { blob: { ...str, examples: ['http://127.0.0.1:10000/myaccount/'] }, queue: str, table: str, file: str } },
  StorageAccountCreateParameters: {
    type: 'object',
    required: ['sku', 'kind', 'location'],
    properties: {
      sku: ref('Sku'),
      kind: ref('Kind'),
      location: { ...str, description: 'A region of the catalog, e.g. eastus or East US.' },
      tags,
      properties: accountRequestProperties,
    },
  },
  StorageAccountUpdateParameters: {
    type: 'object',
    properties: { sku: ref('Sku'), tags, properties: accountRequestProperties },
  },
  StorageAccount: {
    type: 'object',
    properties: {
      id: str,
      name: str,
      type: { ...str, const: 'Microsoft.Storage/storageAccounts' },
      location: str,
      tags,
      sku: ref('Sku'),
      kind: ref('Kind'),
      properties: {
        type: 'object',
        properties: {
          provisioningState: enumOf('Creating', 'ResolvingDNS', 'Succeeded'),
          creationTime: dateTime,
          primaryLocation: str,
          statusOfPrimary: str,
          secondaryLocation: { ...str, description: 'The paired region (GRS, RA-GRS).' },
          statusOfSecondary: str,
          primaryEndpoints: ref('Endpoints'),
          secondaryEndpoints: ref('Endpoints'),
          accessTier: str,
          supportsHttpsTrafficOnly: { type: 'boolean' },
          minimumTlsVersion: str,
          encryption: ref('Encryption'),
          geoReplicationStats: {
            type: 'object',
            description: 'With $expand=geoReplicationStats, GRS/RA-GRS accounts: every write acknowledged before lastSyncTime is in the secondary.',
            properties: { status: enumOf('Live', 'Bootstrap', 'Unavailable'), lastSyncTime: dateTime, canFailover: { type: 'boolean' } },
          },
          failoverInProgress: { type: 'boolean' },
          lastGeoFailoverTime: dateTime,
        },
      },
    },
  },
  StorageAccountListResult: listOf('StorageAccount'),
  FailoverOperation: {
    type: 'object',
    properties: {
      id: str,
      name: str,
      status: enumOf('InProgress', 'Succeeded'),
      startTime: dateTime,
      endTime: dateTime,
      properties: {
        type: 'object',
        properties: { fromLocation: str, toLocation: str, unreplicatedChanges: { type: 'integer', minimum: 0 }, lastSyncTime: { ...dateTime, type: ['string', 'null'] } },
      },
    },
  },
  StorageAccountCheckNameAvailabilityParameters: {
    type: 'object',
    required: ['name', 'type'],
    properties: { name: str, type: { ...str, const: 'Microsoft.Storage/storageAccounts' } },
  },
  CheckNameAvailabilityResult: {
    type: 'object',
    properties: { nameAvailable: { type: 'boolean' }, reason: enumOf('AccountNameInvalid', 'AlreadyExists'), message: str },
  },
  StorageAccountListKeysResult: {
    type: 'object',
    properties: {
      keys: { type: 'array', items: { type: 'object', properties: { keyName: enumOf('key1', 'key2'), value: str, permissions: enumOf('Full', 'Read') } } },
    },
  },
  StorageAccountRegenerateKeyParameters: { type: 'object', required: ['keyName'], properties: { keyName: enumOf('key1', 'key2') } },
  ClassicStorageAccountImport: {
    type: 'object',
    required: ['subscriptionId', 'sku', 'location'],
    properties: { subscriptionId: str, sku: ref('Sku'), kind: { ...ref('Kind'), default: 'Storage' }, location: str, tags },
  },
  EncryptionKeys: {
    type: 'object',
    properties: {
      id: str,
      name: { ...str, const: 'encryptionKeys' },
      type: { ...str, const: 'Microsoft.Storage/storageAccounts/encryptionKeys' },
      properties: {
        type: 'object',
        required: ['keySource', 'keyState', 'currentVersion', 'versions'],
        properties: {
          keySource: enumOf('Microsoft.Storage', 'Microsoft.Keyvault'),
          keyvaultproperties: { ...ref('KeyVaultProperties'), description: 'Only with keySource Microsoft.Keyvault.' },
          keyState: { ...enumOf('Enabled', 'Revoked'), description: 'Revoked while the customer key is revoked: the account gets no keys.' },
          currentVersion: { type: 'integer', minimum: 1, description: 'The key-encryption-key version new data keys are wrapped with.' },
          versions: { type: 'array', items: { type: 'object', properties: { version: { type: 'integer', minimum: 1 }, creationTime: dateTime } } },
        },
      },
    },
  },
  KeyRewrap: {
    type: 'object',
    properties: {
      id: str,
      name: { ...str, const: 'rewrap' },
      type: { ...str, const: 'Microsoft.Storage/storageAccounts/encryptionKeys/rewrap' },
      properties: {
        type: 'object',
        required: ['status', 'total', 'rewrapped', 'remaining'],
        properties: {
          status: {
            ...enumOf('NotStarted', 'Running', 'Blocked', 'Succeeded'),
            description: 'Blocked: the customer key is revoked or a service is unreachable; retried with backoff, resumed at once when the key is restored or on POST.',
          },
          targetKekVersion: { type: 'integer', minimum: 1, description: 'The key-encryption-key version stored data keys are re-wrapped to (absent until the key ring is known).' },
          total: { type: 'integer', minimum: 0, description: 'Stored wrapped data keys of this job (one per data key and region store holding it): re-wrapped plus remaining.' },
          rewrapped: { type: 'integer', minimum: 0 },
          remaining: { type: 'integer', minimum: 0 },
          startTime: dateTime,
          endTime: dateTime,
          error: { type: 'object', required: ['code', 'message'], properties: { code: str, message: str }, description: 'Why it is Blocked.' },
        },
      },
    },
  },
  KeyVaultProperties: {
    type: 'object',
    required: ['keyname', 'keyversion', 'keyvaulturi'],
    properties: {
      keyname: { type: 'string', pattern: '^[A-Za-z0-9-]{1,127}$' },
      keyversion: { type: 'string', pattern: '^[A-Za-z0-9]{1,64}$' },
      keyvaulturi: { ...str, format: 'uri', examples: ['https://contosovault.vault.azure.net'], description: 'https://<vault name>.vault.azure.net' },
      currentVersionedKeyIdentifier: { ...str, readOnly: true, description: 'On the account: <keyvaulturi>/keys/<keyname>/<keyversion>.' },
      lastKeyRotationTimestamp: { ...dateTime, readOnly: true, description: 'On the account: when this key began protecting it.' },
    },
  },
  CustomerKeyImport: {
    type: 'object',
    required: ['key'],
    properties: { key: { ...str, contentEncoding: 'base64', description: 'The 32 key bytes, base64. Never answered back.' } },
  },
  CustomerKey: {
    type: 'object',
    properties: {
      kid: { ...str, examples: ['https://contosovault.vault.azure.net/keys/sse-key/0a1b2c3d'] },
      vaultName: str,
      keyName: str,
      keyVersion: str,
      status: enumOf('active', 'revoked'),
      importedAt: dateTime,
      statusChangedAt: dateTime,
    },
  },
  CustomerKeyStatusChange: {
    allOf: [ref('CustomerKey'), { type: 'object', properties: { accounts: { type: 'array', items: str, description: 'Accounts whose key ring the key protects.' } } }],
  },
  KeyAuditRecord: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      at: dateTime,
      client: { ...str, description: 'The calling service, e.g. blob-data-service.' },
      operation: enumOf('generate', 'unwrap', 'rewrap'),
      account: str,
      kekVersion: { type: ['integer', 'null'] },
      keyId: { type: ['string', 'null'] },
      outcome: enumOf('allowed', 'denied'),
      reason: { type: ['string', 'null'], description: 'The refusal code of a denied operation.' },
      requestId: { type: ['string', 'null'] },
    },
  },
  ReadinessReport: {
    type: 'object',
    properties: {
      status: enumOf('ready', 'not ready'),
      checks: { type: 'object', additionalProperties: { type: 'object', properties: { status: enumOf('up', 'down'), error: str } } },
    },
  },
};

/** The document, with `serverUrl` (the address the caller used) as its server. */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'atrest management plane (Azure Resource Manager subset)',
      version: '1.0.0',
      description:
        'Resource providers, preview features, resource groups and storage accounts with Storage Service Encryption and their encryption keys, ' +
        'as Azure Resource Manager serves them. Every request but /healthz and /openapi.json needs Authorization: Bearer <token> ' +
        '(npm run --silent token -- <subscriptionId>) and an api-version. Answers carry x-ms-request-id and x-ms-correlation-request-id.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerToken: [] }],
    tags: ['Providers', 'Features', 'ResourceGroups', 'StorageAccounts', 'EncryptionKeys', 'Operator', 'Gateway'].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'HS256 token with aud, exp and a subscriptions claim.' },
        operatorToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A token with roles: ["Operator"] (npm run token -- --operator).' },
      },
      schemas,
    },
  };
}
