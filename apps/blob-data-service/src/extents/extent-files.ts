/**
 * Where a region store keeps the stored bytes of its large extents
 * (docs/adr/0006, "Extent files"): one file per extent, named by its id.
 * The extent's row in the store's database is the commit point: a file
 * without a row is an orphan (swept), a row whose file is missing or short
 * is an integrity failure on read.
 */
export interface ExtentFiles {
  /**
   * Creates the extent's file with `bytes`. Resolves once the bytes are
   * handed to the kernel (the caller may reuse its buffer); `durable`
   * settles once file and directory entry are on disk, which must happen
   * before the row that makes the extent reachable commits.
   */
  write(id: string, bytes: Buffer): Promise<{ readonly durable: Promise<void> }>;
  /** The extent's file, open for positioned reads; undefined when there is none. */
  open(id: string): Promise<ExtentFile | undefined>;
  /** Removes the files of `ids` (those that exist): after the commit that deleted their rows, or of extents never committed. */
  remove(ids: readonly string[]): Promise<void>;
}

export interface ExtentFile {
  /** Bytes in the file (checked against the stored length the row implies). */
  readonly size: number;
  /** `length` bytes from `position`; fewer if the file ends first. */
  read(position: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}
