import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { SetupServer, setupServer } from 'msw/node';

/**
 * An msw server for the calling test file: listening from its first test,
 * its handlers reset after each test, closed after the last.
 */
export function mswServer(): SetupServer {
  const server = setupServer();
  registerMswTestHooks(server);
  return server;
}
