import { CustomErrorBase } from '@backstage/errors';

/**
 * PagerDuty answered, but refused the request: the token was rejected (401,
 * 403), the request was invalid (400), or the object does not exist (404).
 * Retrying the same request will not help.
 *
 * @remarks
 *
 * The message names the account by its configured name, the method and the
 * API path only; it never contains the token or the query.
 *
 * @public
 */
export class PagerDutyRequestError extends CustomErrorBase {
  name = 'PagerDutyRequestError' as const;

  /** The configured name of the account, e.g. `eu`. */
  readonly account: string;
  /** The HTTP status PagerDuty answered. */
  readonly statusCode: number;
  /** PagerDuty's error code (`error.code` of the body), when sent. */
  readonly errorCode?: number;

  constructor(
    message: string,
    options: { account: string; statusCode: number; errorCode?: number },
  ) {
    super(message);
    this.account = options.account;
    this.statusCode = options.statusCode;
    this.errorCode = options.errorCode;
  }
}
