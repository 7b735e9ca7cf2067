/**
 * Where a region store keeps the stored bytes of its large extents
 * (docs/adr/0006, "Extent files"): one file per extent, named by its id.
 * The extent's row in the store's database is the commit point: a file
 * without a row is an orphan (swept), a row whose file is missing or short
 * is an integrity failure on read.
 */
export interface ExtentFiles {
  /**
   * Starts the extent's file, filled as its packages are sealed: a write
   * then holds one package, never a whole extent (docs/adr/0006, "Extent files").
   */
  create(id: string): Promise<NewExtentFile>;
  /** The extent's file, open for positioned reads; undefined when there is none. */
  open(id: string): Promise<ExtentFile | undefined>;
  /** Removes the files of `ids` (those that exist): after the commit that deleted their rows, or of extents never committed. */
  remove(ids: readonly string[]): Promise<void>;
}

/** An extent file being written: not visible under the extent's id until `complete`'s `durable` settles. */
export interface NewExtentFile {
  /** Appends `parts`; resolves once they are handed to the kernel (the caller may then reuse them). */
  append(parts: readonly Buffer[]): Promise<void>;
  /**
   * Ends the file: `durable` settles once file and directory entry are on
   * disk, which must happen before the row that makes the extent reachable commits.
   */
  complete(): { readonly durable: Promise<void> };
  /** Closes and removes an unfinished file (no error if it is already gone). */
  abort(): Promise<void>;
}

/** An extent file written whole (a copy from another region); settles once durable. */
export const writeExtentFile = async (files: ExtentFiles, id: string, bytes: Buffer): Promise<void> => {
  const file = await files.create(id);
  try {
    await file.append([bytes]);
  } catch (error) {
    await file.abort();
    throw error;
  }
  await file.complete().durable;
};

export interface ExtentFile {
  /** Bytes in the file (checked against the stored length the row implies). */
  readonly size: number;
  /** `length` bytes from `position`; fewer if the file ends first. */
  read(position: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}
