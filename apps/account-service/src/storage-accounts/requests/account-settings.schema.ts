import { z } from 'zod';
import type { AccountFeatureRequest, AccountSettings } from '../domain/storage-account.commands';

const service = z.object({ enabled: z.boolean().optional() }).optional();

/**
 * The parts of a Storage resource provider request body atrest acts on, as
 * JSON types only (allowed values are the domain's to check). Unknown fields
 * are ignored, as ARM does; known ones that ask for more than atrest gives
 * (requireInfrastructureEncryption; no Shared Key, public access, a
 * hierarchical namespace) are read, to be refused.
 */
export const accountSettingsSchema = z.object({
  sku: z.object({ name: z.string().optional() }).optional(),
  kind: z.string().optional(),
  location: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  properties: z
    .object({
      accessTier: z.string().optional(),
      supportsHttpsTrafficOnly: z.boolean().optional(),
      minimumTlsVersion: z.string().optional(),
      allowSharedKeyAccess: z.boolean().optional(),
      allowBlobPublicAccess: z.boolean().optional(),
      isHnsEnabled: z.boolean().optional(),
      encryption: z
        .object({
          services: z.object({ blob: service, file: service, table: service, queue: service }).optional(),
          keySource: z.string().optional(),
          requireInfrastructureEncryption: z.boolean().optional(),
          keyvaultproperties: z
            .object({ keyname: z.string().optional(), keyversion: z.string().optional(), keyvaulturi: z.string().optional() })
            .optional(),
        })
        .optional(),
    })
    .optional(),
});

export type AccountSettingsBody = z.output<typeof accountSettingsSchema>;

/** The access and namespace switches the request names, if any. */
const features = (body: AccountSettingsBody): AccountFeatureRequest | undefined => {
  const { allowSharedKeyAccess, allowBlobPublicAccess, isHnsEnabled } = body.properties ?? {};
  if (allowSharedKeyAccess === undefined && allowBlobPublicAccess === undefined && isHnsEnabled === undefined) return undefined;
  return { allowSharedKeyAccess, allowBlobPublicAccess, isHnsEnabled };
};

/** `apiVersion`: the request's api-version query parameter (it decides which encryption properties exist). */
export const toAccountSettings = (body: AccountSettingsBody, apiVersion?: string): AccountSettings => {
  const encryption = body.properties?.encryption;
  const keyVault = encryption?.keyvaultproperties;
  const services = encryption?.services;
  const requestedFeatures = features(body);
  return {
    sku: body.sku?.name,
    kind: body.kind,
    location: body.location,
    tags: body.tags,
    accessTier: body.properties?.accessTier,
    ...(body.properties?.supportsHttpsTrafficOnly !== undefined && { supportsHttpsTrafficOnly: body.properties.supportsHttpsTrafficOnly }),
    ...(body.properties?.minimumTlsVersion !== undefined && { minimumTlsVersion: body.properties.minimumTlsVersion }),
    ...(requestedFeatures && { features: requestedFeatures }),
    ...(encryption && {
      encryption: {
        blob: services?.blob?.enabled,
        file: services?.file?.enabled,
        table: services?.table?.enabled,
        queue: services?.queue?.enabled,
        keySource: encryption.keySource,
        ...(encryption.requireInfrastructureEncryption !== undefined && { requireInfrastructureEncryption: encryption.requireInfrastructureEncryption }),
        ...(keyVault && { keyVaultProperties: { keyName: keyVault.keyname, keyVersion: keyVault.keyversion, keyVaultUri: keyVault.keyvaulturi } }),
      },
    }),
    ...(apiVersion && { apiVersion }),
  };
};
