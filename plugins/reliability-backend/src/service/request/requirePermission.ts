import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';

/**
 * Authorizes a basic permission for the caller; a NotAllowedError (403)
 * with `message` when the policy does not allow it.
 */
export async function requirePermission(
  permissions: PermissionsService,
  permission: BasicPermission,
  credentials: BackstageCredentials,
  message: string,
): Promise<void> {
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(message);
  }
}
