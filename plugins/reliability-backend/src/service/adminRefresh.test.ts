import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { createTestApp } from '../__testUtils__/testRouter';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const setup = async (result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) => {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseReliabilityStore.create({
    database: { getClient: async () => knex },
  });
  const permissions = mockServices.permissions.mock({
    authorize: async requests => requests.map(() => ({ result })),
  });
  const triggerTask = jest.fn(async (id: string) => {
    if (id === 'reliability-alert-quality-collector') {
      throw new Error(`There is no scheduled task with ID "${id}"`);
    }
  });
  const app = await createTestApp({ store, permissions, triggerTask });
  return { app, triggerTask, permissions };
};

describe('POST /admin/refresh', () => {
  it.each([
    ['slo', 'reliability-slo-collector'],
    ['entityIndex', 'reliability-entity-index'],
  ])('triggers the %s task for an admin', async (task, id) => {
    const { app, triggerTask, permissions } = await setup(
      AuthorizeResult.ALLOW,
    );
    const res = await request(app)
      .post(`/admin/refresh?task=${task}`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ task, triggered: true });
    expect(triggerTask).toHaveBeenCalledWith(id);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: expect.objectContaining({ name: 'reliability.admin' }) }],
      expect.anything(),
    );
  });

  it('refuses others with 403 and triggers nothing', async () => {
    const { app, triggerTask } = await setup(AuthorizeResult.DENY);
    const res = await request(app)
      .post('/admin/refresh?task=slo')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Only administrators can trigger refreshes',
    );
    expect(triggerTask).not.toHaveBeenCalled();
  });

  it.each([
    ['/admin/refresh', 'Invalid query parameter "task": Required'],
    ['/admin/refresh?task=everything', 'Invalid query parameter "task"'],
    ['/admin/refresh?task=slo&now=1', 'Unknown query parameter "now"'],
  ])('answers 400 for %s', async (path, message) => {
    const { app, triggerTask } = await setup(AuthorizeResult.ALLOW);
    const res = await request(app)
      .post(path)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect(triggerTask).not.toHaveBeenCalled();
  });

  it('answers 404 for a refresh whose feature is not configured', async () => {
    const { app } = await setup(AuthorizeResult.ALLOW);
    const res = await request(app)
      .post('/admin/refresh?task=alertQuality')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain(
      'The alertQuality refresh is not running',
    );
  });

  it('needs credentials', async () => {
    const { app } = await setup(AuthorizeResult.ALLOW);
    const res = await request(app)
      .post('/admin/refresh?task=slo')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });
});
