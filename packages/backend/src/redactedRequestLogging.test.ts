import { mockServices } from '@backstage/backend-test-utils';
import { EventEmitter } from 'node:events';
import { redactUrl, redactedRequestLogging } from './redactedRequestLogging';

describe('redactUrl', () => {
  it('redacts credential-looking query parameters, in any case', () => {
    expect(
      redactUrl(
        '/api/reliability/fleet?token=abc&limit=5&Access_Token=def&API_KEY=g&apikey=h&key=i&password=j&secret=k&signature=l&sig=m&auth=n&code=o',
      ),
    ).toBe(
      '/api/reliability/fleet?token=[REDACTED]&limit=5&Access_Token=[REDACTED]&API_KEY=[REDACTED]&apikey=[REDACTED]&key=[REDACTED]&password=[REDACTED]&secret=[REDACTED]&signature=[REDACTED]&sig=[REDACTED]&auth=[REDACTED]&code=[REDACTED]',
    );
  });

  it('redacts encoded and repeated names, and keeps other URLs', () => {
    expect(redactUrl('/x?%74oken=abc&token=def&token')).toBe(
      '/x?%74oken=[REDACTED]&token=[REDACTED]&token=[REDACTED]',
    );
    expect(redactUrl('/x?tokens=1&monkey=2#token=3')).toBe(
      '/x?tokens=1&monkey=2',
    );
    expect(redactUrl('/x')).toBe('/x');
  });
});

describe('redactedRequestLogging', () => {
  it('never logs the token of a request URL', () => {
    const logger = mockServices.logger.mock();
    const res = Object.assign(new EventEmitter(), {
      statusCode: 401,
      getHeader: () => '42',
    });
    const req = {
      method: 'GET',
      originalUrl: '/api/reliability/health?token=s3cr3t&x=1',
      url: '/health?token=s3cr3t&x=1',
      headers: {
        'user-agent': 'curl',
        referer: 'https://backstage.example.com/?code=c0de',
      },
      httpVersionMajor: 1,
      httpVersionMinor: 1,
    };
    const next = jest.fn();
    redactedRequestLogging(logger)(req as never, res as never, next);
    expect(next).toHaveBeenCalled();
    res.emit('finish');
    expect(logger.info).toHaveBeenCalledWith(
      '"GET /api/reliability/health?token=[REDACTED]&x=1 HTTP/1.1" 401 42 "https://backstage.example.com/?code=[REDACTED]" "curl"',
      expect.objectContaining({
        type: 'incomingRequest',
        url: '/api/reliability/health?token=[REDACTED]&x=1',
        status: 401,
      }),
    );
    expect(JSON.stringify(jest.mocked(logger.info).mock.calls)).not.toMatch(
      /s3cr3t|c0de/,
    );
  });
});
