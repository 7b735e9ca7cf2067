import { geoReplicationView, progressDue } from './geo-replication-view';

const now = new Date('2026-12-04T10:00:30.000Z');
const at = (iso: string) => new Date(`2026-12-04T10:00:${iso}.000Z`);

describe('geo-replication status', () => {
  it('is Bootstrap until a first sync point completes, then Live', () => {
    expect(geoReplicationView({ lastSyncTime: null, failoverInProgress: false }, now, 30_000)).toEqual({ status: 'Bootstrap', lastSyncTime: null, canFailover: false });
    expect(geoReplicationView({ lastSyncTime: at('20'), failoverInProgress: false }, now, 30_000)).toEqual({ status: 'Live', lastSyncTime: at('20'), canFailover: true });
  });

  it('becomes Unavailable only after failing for UNAVAILABLE_AFTER_MS, and during a failover; neither can fail over', () => {
    expect(geoReplicationView({ lastSyncTime: at('20'), failingSince: at('10'), failoverInProgress: false }, now, 30_000).status).toBe('Live');
    expect(geoReplicationView({ lastSyncTime: at('20'), failingSince: at('00'), failoverInProgress: false }, now, 30_000)).toEqual({
      status: 'Unavailable',
      lastSyncTime: at('20'),
      canFailover: false,
    });
    expect(geoReplicationView({ lastSyncTime: at('20'), failoverInProgress: true }, now, 30_000).canFailover).toBe(false);
  });
});

describe('reporting progress', () => {
  const live = { status: 'Live' as const, lastSyncTime: at('25'), canFailover: true };

  it('reports a first report and any status change at once', () => {
    expect(progressDue({ status: null, lastSyncTime: null, at: null }, live, now, 1_000)).toBe(true);
    expect(progressDue({ status: 'Bootstrap', lastSyncTime: null, at: at('29') }, live, now, 60_000)).toBe(true);
  });

  it('reports a new last sync time at most once per interval, and nothing when nothing changed', () => {
    expect(progressDue({ status: 'Live', lastSyncTime: at('20'), at: at('29') }, live, now, 5_000)).toBe(false);
    expect(progressDue({ status: 'Live', lastSyncTime: at('20'), at: at('25') }, live, now, 5_000)).toBe(true);
    expect(progressDue({ status: 'Live', lastSyncTime: at('25'), at: at('00') }, live, now, 5_000)).toBe(false);
  });
});
