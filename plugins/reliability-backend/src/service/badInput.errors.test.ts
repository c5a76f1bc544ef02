import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { ConfigReader } from '@backstage/config';
import request from 'supertest';
import { createHardeningApp } from '../__testUtils__/hardeningApp';
import { testDatabases } from '../__testUtils__/testDatabases';

// Finding 5 of issue 19: error bodies. Rendered by Backstage's own error
// handler (MiddlewareFactory.error of @backstage/backend-defaults), which
// includes a stack only when NODE_ENV is "development"; our messages never
// carry internal paths.

const databases = testDatabases();
const user = mockCredentials.user.header();
const base = '/entities/component/default/checkout';
const ROOT = process.cwd().split('/plugins/')[0];

describe.each(databases.eachSupportedId())(
  'error bodies, on %p',
  databaseId => {
    const nodeEnv = process.env.NODE_ENV;
    afterEach(() => {
      process.env.NODE_ENV = nodeEnv;
    });

    const appIn = async (env: string) => {
      process.env.NODE_ENV = env;
      const errorHandler = MiddlewareFactory.create({
        config: new ConfigReader({}),
        logger: mockServices.logger.mock(),
      }).error();
      return (await createHardeningApp(databases, databaseId, { errorHandler }))
        .app;
    };

    const failing = (app: Awaited<ReturnType<typeof appIn>>) => [
      request(app).get('/entities/component/default/bad%20name'),
      request(app)
        .get('/entities/component/default/nope')
        .set('Authorization', user),
      request(app)
        .post(`${base}/toil`)
        .set('Authorization', user)
        .send({ task: '' }),
      request(app)
        .post(`${base}/toil`)
        .set('Authorization', user)
        .set('Content-Type', 'application/json')
        .send('{"task":'),
      request(app)
        .put(`${base}/toil/3f1c6f5e-8d0b-4c3e-9a7e-2b6d1e0f4a5c`)
        .set('Authorization', user)
        .send({ task: 'x', minutesPerOccurrence: 1, occurrencesPerWeek: 1 }),
      request(app)
        .get('/reviews/weekly?week=9999-W52')
        .set('Authorization', user),
    ];

    it('answers 4xx without a stack or an internal path in production', async () => {
      const app = await appIn('production');
      const responses = await Promise.all(failing(app));
      expect(responses.map(r => r.status)).toEqual([
        400, 404, 400, 400, 404, 400,
      ]);
      for (const res of responses) {
        expect(Object.keys(res.body).sort()).toEqual([
          'error',
          'request',
          'response',
        ]);
        expect(res.body.error.name).toEqual(expect.any(String));
        expect(res.body.error.message).toEqual(expect.any(String));
        expect(res.body.error).not.toHaveProperty('stack');
        expect(res.text).not.toContain(ROOT);
        expect(res.text).not.toMatch(/node_modules|\.ts:\d+|\.js:\d+/);
      }
    });

    it('puts no internal path into messages, even in development', async () => {
      const app = await appIn('development');
      const responses = await Promise.all(failing(app));
      for (const res of responses) {
        // development adds the stack (Backstage's choice, for local use) ...
        expect(res.body.error.stack).toEqual(expect.any(String));
        // ... but the messages are ours, and path-free.
        expect(res.body.error.message).not.toContain(ROOT);
        expect(res.body.error.message).not.toMatch(/node_modules|\.ts:\d+/);
      }
    });
  },
);
