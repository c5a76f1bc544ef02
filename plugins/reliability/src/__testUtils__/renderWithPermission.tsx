import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { ReactElement } from 'react';
import { SWRConfig } from 'swr';
import { ReliabilityApi, reliabilityApiRef } from '../api';

/**
 * Renders `element` with `api` as the reliability API and a permission API
 * answering `allow` (default deny) to every request; `authorize` records the
 * requests. usePermission caches decisions (swr): a fresh cache per render.
 */
export async function renderWithPermission(
  element: ReactElement,
  api: Partial<ReliabilityApi>,
  options: {
    allow?: boolean;
    app?: Parameters<typeof renderInTestApp>[1];
  } = {},
) {
  const authorize = jest.fn(() =>
    options.allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  );
  await renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [reliabilityApiRef, api],
          [permissionApiRef, mockApis.permission({ authorize })],
        ]}
      >
        {element}
      </TestApiProvider>
    </SWRConfig>,
    options.app,
  );
  return { authorize };
}

/** The dialog shown. */
export const dialog = () => screen.getByRole('dialog');

/** Types a value into the field of the dialog with that label. */
export const typeInDialog = (label: RegExp, value: string) =>
  fireEvent.change(within(dialog()).getByLabelText(label), {
    target: { value },
  });
