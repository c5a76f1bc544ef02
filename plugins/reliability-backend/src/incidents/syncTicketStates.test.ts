import { mockServices } from '@backstage/backend-test-utils';
import { TicketStatusProvider } from '@reliability-kit/backstage-plugin-reliability-node';
import { IncidentsStore } from './IncidentsStore';
import { syncTicketStates } from './syncTicketStates';

const NOW = '2026-11-20T00:00:00.000Z';

function recordingStore() {
  const upserted: string[] = [];
  const errors: Array<[string, string[], string]> = [];
  const store = {
    upsertTicketStates: async (
      _: string,
      statuses: Array<{ ticket: string }>,
    ) => {
      upserted.push(...statuses.map(s => s.ticket));
    },
    recordTicketError: async (
      provider: string,
      tickets: string[],
      message: string,
    ) => {
      errors.push([provider, tickets, message]);
    },
  } as unknown as IncidentsStore;
  return { store, upserted, errors };
}

describe('syncTicketStates', () => {
  it('records a ticket the provider reports with onTicketError, and stores the others', async () => {
    const github: TicketStatusProvider = {
      id: 'github',
      handles: t => t.includes('#'),
      getTicketStatuses: async (tickets, options) =>
        tickets.flatMap(ticket => {
          if (ticket === 'o/r#2') {
            options.onTicketError?.(
              ticket,
              'o/r#2: GitHub "github.com" answered HTTP 404',
            );
            return [];
          }
          return ticket === 'o/r#3' ? [] : [{ ticket, state: 'open' as const }];
        }),
    };
    const { store, upserted, errors } = recordingStore();
    const result = await syncTicketStates({
      tickets: ['o/r#1', 'o/r#2', 'o/r#3', 'OPS-1'],
      providers: [github],
      store,
      logger: mockServices.logger.mock(),
      now: NOW,
    });
    expect(result).toEqual({ read: 1, failed: 2, unhandled: 1 });
    expect(upserted).toEqual(['o/r#1']);
    expect(errors).toEqual([
      ['github', ['o/r#2'], 'o/r#2: GitHub "github.com" answered HTTP 404'],
      [
        'github',
        ['o/r#3'],
        'github does not know this ticket (or the configured account cannot see it)',
      ],
    ]);
  });
});
