/**
 * x-ms-server-encrypted: true only if every extent of the blob (data and
 * metadata) is encrypted. A blob with no extents at all (empty, no metadata)
 * follows the SSE state of the write that last set its content.
 */
export const isServerEncrypted = (extentsEncrypted: readonly boolean[], lastContentWriteEncrypted: boolean): boolean =>
  extentsEncrypted.every(Boolean) && (extentsEncrypted.length > 0 || lastContentWriteEncrypted);
