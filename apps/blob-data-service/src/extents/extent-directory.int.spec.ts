import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createTestContext, type TestContext } from '@atrest/testing';
import { regionStoreMigrations } from '../region-stores/region-stores';
import { ExtentDirectory } from './extent-directory';
import { writeExtentFile } from './extent-files';
import { insertExtents, type NewExtent } from './extent.repository';
import { ORPHAN_MIN_AGE_MS, sweepOrphanFiles } from './orphan-sweep';

// A region store's extent files (docs/adr/0006, "Extent files") on a real
// folder, and the orphan sweep against a real region-store database: files
// no row references go once old enough, everything else stays.

let ctx: TestContext;
let db: DataSource;
let root: string;
let files: ExtentDirectory;

beforeAll(async () => {
  ctx = await createTestContext('extent-directory');
  db = await ctx.openDatabase(regionStoreMigrations, 'region');
  root = await mkdtemp(join(tmpdir(), 'atrest-extent-directory-'));
  files = new ExtentDirectory(join(root, 'store'));
  await files.prepare();
}, 60_000);

afterAll(async () => {
  await ctx?.dispose();
  if (root) await rm(root, { recursive: true, force: true });
});

const extent = (id: string, inline?: Buffer): NewExtent => ({ id, account: 'sweepacct', kind: 'data', size: 100_000, inline });
const store = async (id: string) => (await writeExtentFile(files, id, randomBytes(100)), id);
const age = (id: string, name = id) => utimes(join(files.root, id.slice(0, 2), name), new Date(Date.now() - 2 * ORPHAN_MIN_AGE_MS), new Date(Date.now() - 2 * ORPHAN_MIN_AGE_MS));
const present = async (id: string) => (await readdir(join(files.root, id.slice(0, 2)))).filter((name) => name.startsWith(id));

describe('extent files', () => {
  it('are written whole under their id, read at any position, and removed (a missing one is no error)', async () => {
    const id = randomUUID();
    const bytes = randomBytes(300_000);
    await writeExtentFile(files, id, bytes);
    expect(await present(id)).toEqual([id]);
    const file = (await files.open(id))!;
    expect(file.size).toBe(bytes.length);
    expect((await file.read(123_456, 1000)).equals(bytes.subarray(123_456, 124_456))).toBe(true);
    expect((await file.read(bytes.length - 10, 100)).length).toBe(10);
    await file.close();
    await files.remove([id, randomUUID()]);
    expect(await files.open(id)).toBeUndefined();
  });

  it('are filled package by package, visible under their id only once durable, and leave nothing when abandoned', async () => {
    const id = randomUUID();
    const parts = [randomBytes(12), randomBytes(65_536), randomBytes(16)];
    const file = await files.create(id);
    await file.append(parts);
    await file.append([parts[1]]);
    expect(await files.open(id)).toBeUndefined();
    await file.complete().durable;
    const written = (await files.open(id))!;
    expect((await written.read(0, written.size)).equals(Buffer.concat([...parts, parts[1]]))).toBe(true);
    await written.close();

    const abandoned = randomUUID();
    const unfinished = await files.create(abandoned);
    await unfinished.append(parts);
    await unfinished.abort();
    expect(await present(abandoned)).toEqual([]);
  });

  it('are swept when no row references them and they are old enough: fresh files, referenced files and inline rows\' ids are told apart', async () => {
    const referenced = await store(randomUUID());
    const orphan = await store(randomUUID());
    const fresh = await store(randomUUID());
    const inlineRow = await store(randomUUID()); // a file left over for an extent whose row keeps its bytes inline
    await db.transaction((manager) => insertExtents(manager, 'eastus', [extent(referenced), extent(inlineRow, randomBytes(10))]));
    const interrupted = randomUUID();
    await writeFile(join(files.root, interrupted.slice(0, 2), `${interrupted}.abc123.part`), 'half');
    for (const id of [referenced, orphan, inlineRow]) await age(id);
    await age(interrupted, `${interrupted}.abc123.part`);

    expect(await sweepOrphanFiles(db, files, Date.now() - ORPHAN_MIN_AGE_MS)).toBe(3);
    expect(await Promise.all([referenced, orphan, fresh, inlineRow, interrupted].map(present))).toEqual([[referenced], [], [fresh], [], []]);
    expect(await sweepOrphanFiles(db, files, Date.now() - ORPHAN_MIN_AGE_MS)).toBe(0);
  });
});
