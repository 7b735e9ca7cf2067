import { refusedOperation } from '../blob-rest/refused-operation';

/** Set Blob Service Properties: refused (get-service-properties.operation.ts says why), storing nothing. */
export const SetServicePropertiesOperation = refusedOperation(
  { level: 'service', methods: ['PUT'], restype: 'service', comp: 'properties', writes: true, sas: { permissions: 'w', service: false } },
  'Set Blob Service Properties is not supported: atrest has no analytics logging, metrics, CORS, soft delete or static website to configure (Get Blob Service Properties shows them all off).',
);
