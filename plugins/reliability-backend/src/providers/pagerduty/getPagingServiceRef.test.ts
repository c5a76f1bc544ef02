import { getPagingServiceRef } from './getPagingServiceRef';

describe('getPagingServiceRef', () => {
  it.each<[string, Record<string, string> | undefined, unknown]>([
    ['no annotations', undefined, undefined],
    ['no service-id annotation', { 'pagerduty.com/account': 'eu' }, undefined],
    [
      'one id',
      { 'pagerduty.com/service-id': 'PABC123' },
      { serviceIds: ['PABC123'] },
    ],
    [
      'comma-separated ids, in order',
      { 'pagerduty.com/service-id': 'PB,PA,PC' },
      { serviceIds: ['PB', 'PA', 'PC'] },
    ],
    [
      'spaces around ids',
      { 'pagerduty.com/service-id': '  PA ,\tPB  , PC ' },
      { serviceIds: ['PA', 'PB', 'PC'] },
    ],
    [
      'duplicates, once each',
      { 'pagerduty.com/service-id': 'PA,PB,PA, PB ,PA' },
      { serviceIds: ['PA', 'PB'] },
    ],
    [
      'empty parts left out',
      { 'pagerduty.com/service-id': ',PA,, ,PB,' },
      { serviceIds: ['PA', 'PB'] },
    ],
    ['only empty parts', { 'pagerduty.com/service-id': ' , ,' }, undefined],
    ['an empty annotation', { 'pagerduty.com/service-id': '' }, undefined],
    [
      'with an account',
      { 'pagerduty.com/service-id': 'PA', 'pagerduty.com/account': 'eu' },
      { account: 'eu', serviceIds: ['PA'] },
    ],
    [
      'with an account to trim',
      { 'pagerduty.com/service-id': 'PA', 'pagerduty.com/account': '  eu ' },
      { account: 'eu', serviceIds: ['PA'] },
    ],
    [
      'with a blank account (the default account)',
      { 'pagerduty.com/service-id': 'PA', 'pagerduty.com/account': '  ' },
      { serviceIds: ['PA'] },
    ],
  ])('%s', (_name, annotations, expected) => {
    expect(getPagingServiceRef(annotations)).toEqual(expected);
  });
});
