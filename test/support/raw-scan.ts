import type { DataSource } from 'typeorm';

/** Tables and columns of a database holding `marker` anywhere, as bytes, text or JSON (the raw scan of the no-plaintext checks). */
export const scanForMarker = async (db: DataSource, marker: string): Promise<string[]> => {
  const needle = Buffer.from(marker);
  const hits = new Set<string>();
  const tables: Array<{ name: string }> = await db.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
  for (const { name } of tables)
    for (const row of await db.query(`SELECT * FROM "${name}"`))
      for (const [column, value] of Object.entries(row as Record<string, unknown>)) {
        const bytes = Buffer.isBuffer(value) ? value : Buffer.from(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
        if (bytes.includes(needle)) hits.add(`${name}.${column}`);
      }
  return [...hits].sort();
};
