import { errorCodeOf } from '@atrest/testing';
import { coalescePages, overwritePages, pageSegments, parsePageBlobSize, parsePageWriteRange, placeSpans, type PageRange } from './page-ranges';


const range = (start: number, end: number, extentId: string, extentOffset = 0): PageRange => ({ start, end, extentId, extentOffset });

describe('page ranges', () => {
  it('accepts whole 512-byte pages inside the blob (x-ms-range over Range), else InvalidPageRange', () => {
    expect(parsePageWriteRange('bytes=512-1023', 'bytes=0-511', 4096)).toEqual({ start: 512, end: 1024 });
    expect(parsePageWriteRange(undefined, 'bytes=0-4095', 4096)).toEqual({ start: 0, end: 4096 });
    for (const bad of ['bytes=1-512', 'bytes=0-510', 'bytes=0-4607', 'bytes=1024-511', 'bytes=0-', 'lines=0-511', undefined])
      expect([bad, errorCodeOf(() => parsePageWriteRange(bad, undefined, 4096))]).toEqual([bad, 'InvalidPageRange']);
  });

  it('takes a page blob size that is a multiple of 512, up to 1 TiB', () => {
    expect(parsePageBlobSize('0')).toBe(0);
    expect(parsePageBlobSize(String(1024 ** 4))).toBe(1024 ** 4);
    expect(errorCodeOf(() => parsePageBlobSize('513'))).toBe('InvalidHeaderValue');
    expect(errorCodeOf(() => parsePageBlobSize(String(1024 ** 4 + 512)))).toBe('InvalidHeaderValue');
    expect(errorCodeOf(() => parsePageBlobSize(undefined))).toBe('MissingRequiredHeader');
  });

  it('overwriting a span cuts the ranges it overlaps back to what lies outside it, pointing further into their extents', () => {
    const a = range(0, 2048, 'a');
    const b = range(2048, 4096, 'b', 100);
    const written = range(1024, 3072, 'new');
    expect(overwritePages([a, b], { start: 1024, end: 3072 }, [written])).toEqual({
      removed: [a, b],
      added: [range(0, 1024, 'a'), written, range(3072, 4096, 'b', 1124)],
    });
    // Clearing inside one range splits it in two.
    expect(overwritePages([a], { start: 512, end: 1024 }).added).toEqual([range(0, 512, 'a'), range(1024, 2048, 'a', 1024)]);
  });

  it('reads written ranges as extent bytes and holes as zeros', () => {
    const ranges = [range(512, 1024, 'x', 10), range(1536, 2048, 'y')];
    expect(pageSegments(ranges, 0, 2560)).toEqual([
      { zeros: 512 },
      { extentId: 'x', from: 10, to: 522 },
      { zeros: 512 },
      { extentId: 'y', from: 0, to: 512 },
      { zeros: 512 },
    ]);
    expect(pageSegments(ranges, 600, 700)).toEqual([{ extentId: 'x', from: 98, to: 198 }]);
  });

  it('lists adjacent ranges as one, cut to the asked span', () => {
    expect(coalescePages([range(0, 512, 'a'), range(512, 1024, 'b'), range(2048, 2560, 'c')], 256, 4096)).toEqual([
      { start: 256, end: 1024 },
      { start: 2048, end: 2560 },
    ]);
  });

  it('places spans written one after another into extents, cutting a span where an extent ends', () => {
    const extents = [
      { extentId: 'e1', size: 1024 },
      { extentId: 'e2', size: 512 },
    ];
    expect(placeSpans([{ start: 0, end: 512 }, { start: 4096, end: 5120 }], extents)).toEqual([
      range(0, 512, 'e1'),
      range(4096, 4608, 'e1', 512),
      range(4608, 5120, 'e2'),
    ]);
  });
});
