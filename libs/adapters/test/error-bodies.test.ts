import { describe, expect, it } from 'vitest';
import { codeAndMsg, kindFromHttpStatus, retryAfterMs } from '../src/core/errors.js';
import { binanceErrorClassifier } from '../src/binance/common/errors.js';
import { gateioErrorClassifier } from '../src/gateio/common/errors.js';
import { mexcErrorClassifier } from '../src/mexc/spot/errors.js';

// The pieces of a REST error answer that more than one venue reads the same way.

describe('retryAfterMs', () => {
  it('reads seconds as milliseconds, from a single header or the first of repeated ones', () => {
    expect(retryAfterMs({ 'retry-after': '3' })).toBe(3000);
    expect(retryAfterMs({ 'retry-after': ['2', '9'] })).toBe(2000);
    expect(retryAfterMs({ 'retry-after': '0.5' })).toBe(500);
  });

  it('is undefined when absent, zero, negative or not a number (an HTTP date is not honoured)', () => {
    for (const value of [undefined, '', '0', '-1', 'soon', 'Wed, 21 Oct 2026 07:28:00 GMT']) expect(retryAfterMs({ 'retry-after': value })).toBeUndefined();
  });
});

describe('codeAndMsg', () => {
  it('reads a numeric or string code and the message', () => {
    expect(codeAndMsg('{"code":-1003,"msg":"Too much request weight used"}')).toEqual({ code: '-1003', message: 'Too much request weight used' });
    expect(codeAndMsg('{"code":"30004","msg":"Insufficient position"}')).toEqual({ code: '30004', message: 'Insufficient position' });
  });

  it('reads nothing from a body that is not that JSON, so the HTTP status classifies it', () => {
    expect(codeAndMsg('<html><body>502 Bad Gateway</body></html>')).toEqual({});
    expect(codeAndMsg('{"label":"INVALID_KEY"}')).toEqual({ code: undefined, message: undefined });
    expect(codeAndMsg('{"code":{"nested":1},"msg":7}')).toEqual({ code: undefined, message: undefined });
  });
});

describe('kindFromHttpStatus', () => {
  it('reads a status the venue gave no code for', () => {
    const kinds = [429, 401, 403, 404, 400, 418, 500, 503, 504, 302].map((status) => kindFromHttpStatus(status));
    expect(kinds).toEqual([
      'rate_limited',
      'unauthenticated',
      'permission_denied',
      'not_found',
      'invalid_argument',
      'invalid_argument',
      'venue_unavailable',
      'venue_unavailable',
      'venue_unavailable',
      'malformed_response',
    ]);
  });

  it("applies each venue's own readings: Binance's and MEXC's 418 ban, their unknown-outcome 503/504", () => {
    const html = '<html>error</html>';
    const kinds = (classify: (status: number) => string) => [418, 503, 504].map(classify);
    expect(kinds((status) => binanceErrorClassifier('binance_spot').classifyHttp(status, html, {}).kind)).toEqual(['rate_limited', 'timeout', 'timeout']);
    expect(kinds((status) => mexcErrorClassifier('mexc_spot').classifyHttp(status, html, {}).kind)).toEqual(['rate_limited', 'venue_unavailable', 'timeout']);
    expect(kinds((status) => gateioErrorClassifier('gateio_spot').classifyHttp(status, html, {}).kind)).toEqual(['invalid_argument', 'venue_unavailable', 'venue_unavailable']);
  });
});
