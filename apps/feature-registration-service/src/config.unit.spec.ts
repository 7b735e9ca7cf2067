import { ConfigError, loadConfig } from '@atrest/platform';
import { configSchema } from './config';

const required = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/atrest_features', KAFKA_BROKERS: '127.0.0.1:9092' };

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(configSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('feature-registration-service config', () => {
  it('approves automatically after 2 s unless told otherwise', () => {
    expect(loadConfig(configSchema, required)).toMatchObject({ PORT: 7102, FEATURE_APPROVAL_POLICY: 'auto', FEATURE_APPROVAL_DELAY_MS: 2000 });
  });

  it('takes a manual policy and a delay in milliseconds', () => {
    expect(loadConfig(configSchema, { ...required, FEATURE_APPROVAL_POLICY: 'manual', FEATURE_APPROVAL_DELAY_MS: '0' })).toMatchObject({
      FEATURE_APPROVAL_POLICY: 'manual',
      FEATURE_APPROVAL_DELAY_MS: 0,
    });
  });

  it('names a bad policy or delay', () => {
    expect(problemsOf({ ...required, FEATURE_APPROVAL_POLICY: 'sometimes', FEATURE_APPROVAL_DELAY_MS: '2s' })).toEqual([
      'FEATURE_APPROVAL_POLICY: must be auto or manual',
      'FEATURE_APPROVAL_DELAY_MS: must be a whole number of milliseconds (0 to 999999999)',
    ]);
  });
});
