import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel on which every committed change to an account's rows is announced, its payload the account name. */
export const ACCOUNT_CHANGED_CHANNEL = 'account_changed';

/**
 * Triggers that announce every change to the rows an account lookup reads
 * (account_encryption_state, account_key_state), whoever writes them: each
 * process's account cache evicts the account on the notification, which
 * Postgres delivers at commit (docs/architecture.md, consistency contract).
 */
export class NotifyAccountChanges1765200000500 implements MigrationInterface {
  name = 'NotifyAccountChanges1765200000500';

  async up(runner: QueryRunner): Promise<void> {
    // Postgres folds equal notifications of one transaction into one.
    await runner.query(`
      CREATE FUNCTION notify_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('${ACCOUNT_CHANGED_CHANNEL}', OLD.account_name); END IF;
        IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('${ACCOUNT_CHANGED_CHANNEL}', NEW.account_name); END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['account_encryption_state', 'account_key_state'])
      await runner.query(`CREATE TRIGGER ${table}_changed AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION notify_account_changed()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP FUNCTION notify_account_changed() CASCADE`);
  }
}
