/**
 * x-ms-server-encrypted: true only if every extent of the blob (data and
 * metadata) is encrypted. A blob with no extents at all (empty, no metadata)
 * follows the SSE state of the write that last set its content.
 */
export const isServerEncrypted = (extentsEncrypted: readonly boolean[], lastContentWriteEncrypted: boolean): boolean =>
  extentsEncrypted.every(Boolean) && (extentsEncrypted.length > 0 || lastContentWriteEncrypted);

/**
 * After an append: the blob's extents so far (if it has any: data or
 * metadata) were all encrypted exactly when it reported so, and the new
 * ones must be too.
 */
export const isServerEncryptedAfterAppend = (
  blob: { readonly size: number; readonly metadataExtentId: string | null; readonly serverEncrypted: boolean },
  appendedEncrypted: readonly boolean[],
): boolean => isServerEncrypted([...(blob.size > 0 || blob.metadataExtentId ? [blob.serverEncrypted] : []), ...appendedEncrypted], true);
