import { z } from 'zod';
import { serviceConfigSchema } from './base-config';
import { ConfigError } from './config.error';
import { loadConfig } from './load-config';
import { httpUrl } from './settings';

const schema = serviceConfigSchema(7101);
const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/atrest_accounts',
  KAFKA_BROKERS: '127.0.0.1:9092',
};

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('returns parsed settings with defaults applied', () => {
    expect(loadConfig(schema, { ...valid, KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093' })).toEqual({
      PORT: 7101,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_URL: valid.DATABASE_URL,
      KAFKA_BROKERS: ['127.0.0.1:9092', '127.0.0.1:9093'],
      KAFKA_TOPIC_PREFIX: '',
      KAFKA_TOPIC_PARTITIONS: 3,
    });
  });

  it('names every missing required setting, one line each, with its hint', () => {
    const problems = problemsOf(() => loadConfig(schema, {}));
    expect(problems).toEqual([
      expect.stringMatching(/^DATABASE_URL: required \(postgres URL .*\)$/),
      'KAFKA_BROKERS: required (comma-separated host:port list, e.g. 127.0.0.1:9092)',
    ]);
  });

  it('puts the lines in the error message', () => {
    expect(() => loadConfig(schema, { ...valid, KAFKA_BROKERS: undefined })).toThrow(
      new ConfigError(['KAFKA_BROKERS: required (comma-separated host:port list, e.g. 127.0.0.1:9092)']),
    );
  });

  it('treats an empty value as missing', () => {
    expect(problemsOf(() => loadConfig(schema, { ...valid, DATABASE_URL: '' }))).toEqual([
      expect.stringMatching(/^DATABASE_URL: required/),
    ]);
  });

  it('says what is wrong with bad values, without echoing them', () => {
    const problems = problemsOf(() =>
      loadConfig(schema, {
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://root:hunter2@127.0.0.1/atrest',
        KAFKA_BROKERS: '127.0.0.1',
      }),
    );
    expect(problems).toEqual([
      'PORT: must be a TCP port number (0-65535)',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
      'DATABASE_URL: must be a postgres://user@host:port/database URL naming a database',
      'KAFKA_BROKERS: must be a comma-separated host:port list, e.g. 127.0.0.1:9092',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('rejects a postgres URL without a database name and a port out of range', () => {
    expect(problemsOf(() => loadConfig(schema, { ...valid, PORT: '70000', DATABASE_URL: 'postgres://127.0.0.1:5432/' }))).toEqual([
      'PORT: must be a TCP port number (0-65535)',
      'DATABASE_URL: must be a postgres://user@host:port/database URL naming a database',
    ]);
  });

  it('works for a service schema extended with its own settings', () => {
    const gateway = z.object({ ACCOUNT_SERVICE_URL: httpUrl('base URL of account-service, e.g. http://127.0.0.1:7101') });
    expect(problemsOf(() => loadConfig(gateway, {}))).toEqual([
      'ACCOUNT_SERVICE_URL: required (base URL of account-service, e.g. http://127.0.0.1:7101)',
    ]);
    expect(loadConfig(gateway, { ACCOUNT_SERVICE_URL: 'http://127.0.0.1:7101/' })).toEqual({
      ACCOUNT_SERVICE_URL: 'http://127.0.0.1:7101',
    });
  });
});
