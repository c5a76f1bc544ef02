import { getAlertGroupKey } from './getAlertGroupKey';

describe('getAlertGroupKey', () => {
  it.each([
    [
      { alertKey: 'db-down', title: 'DB down' },
      { key: 'db-down', keyType: 'alertKey' },
    ],
    [
      { alertKey: '  db-down ', title: 'DB down' },
      { key: 'db-down', keyType: 'alertKey' },
    ],
    [
      { alertKey: null, title: 'DB down' },
      { key: 'DB down', keyType: 'title' },
    ],
    [
      { alertKey: '   ', title: ' DB down ' },
      { key: 'DB down', keyType: 'title' },
    ],
    [{ title: 'DB down' }, { key: 'DB down', keyType: 'title' }],
  ])('%j -> %j', (incident, expected) => {
    expect(getAlertGroupKey(incident)).toEqual(expected);
  });
});
