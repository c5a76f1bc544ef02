/**
 * The state of a {@link CircuitBreaker}.
 *
 * - `closed`: calls go through; consecutive failures are counted.
 * - `open`: calls are refused until the cool-down has passed.
 * - `half-open`: the cool-down has passed; one trial call is let through,
 *   whose outcome closes or re-opens the breaker.
 *
 * @public
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Options of a {@link CircuitBreaker}.
 *
 * @public
 */
export interface CircuitBreakerOptions {
  /** Consecutive failed calls that open the breaker. Default 5. */
  failureThreshold?: number;
  /** The first cool-down, in milliseconds. Default 30 000 (30s). */
  coolDownMs?: number;
  /**
   * The cool-down doubles each time a trial call fails, up to this many
   * milliseconds. Default 300 000 (5 minutes).
   */
  maxCoolDownMs?: number;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/**
 * A small, synchronous circuit breaker with an injectable clock.
 *
 * @remarks
 *
 * Usage: call {@link CircuitBreaker.tryAcquire} before a call; when it
 * returns false, fail fast. Afterwards report the outcome with exactly one of
 * {@link CircuitBreaker.recordSuccess}, {@link CircuitBreaker.recordFailure}
 * or {@link CircuitBreaker.recordNeutral} (for outcomes that say nothing about
 * the upstream's health, such as a caller abort).
 *
 * @public
 */
export class CircuitBreaker {
  readonly #failureThreshold: number;
  readonly #baseCoolDownMs: number;
  readonly #maxCoolDownMs: number;
  readonly #now: () => number;

  #state: 'closed' | 'open' | 'half-open' = 'closed';
  #consecutiveFailures = 0;
  #coolDownMs: number;
  #openUntil = 0;
  #trialInFlight = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.#failureThreshold = positiveInteger(
      options.failureThreshold ?? 5,
      'failureThreshold',
    );
    this.#baseCoolDownMs = positiveNumber(
      options.coolDownMs ?? 30_000,
      'coolDownMs',
    );
    this.#maxCoolDownMs = Math.max(
      this.#baseCoolDownMs,
      positiveNumber(options.maxCoolDownMs ?? 300_000, 'maxCoolDownMs'),
    );
    this.#coolDownMs = this.#baseCoolDownMs;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The current state. An open breaker whose cool-down has passed reports
   * `half-open`.
   */
  get state(): CircuitState {
    if (this.#state === 'open' && this.#now() >= this.#openUntil) {
      return 'half-open';
    }
    return this.#state;
  }

  /** Consecutive failed calls since the last success. */
  get consecutiveFailures(): number {
    return this.#consecutiveFailures;
  }

  /** Milliseconds until an open breaker lets a trial call through; else 0. */
  get retryAfterMs(): number {
    if (this.#state === 'open') {
      return Math.max(0, this.#openUntil - this.#now());
    }
    if (this.#state === 'half-open' && this.#trialInFlight) {
      // another caller is running the trial; it is bounded by its timeout
      return 1_000;
    }
    return 0;
  }

  /** The cool-down that applies the next time the breaker opens. */
  get coolDownMs(): number {
    return this.#coolDownMs;
  }

  /**
   * Asks to make a call. Returns true when the call may proceed (the breaker
   * is closed, or this is the single trial call of a half-open breaker), and
   * false when the caller must fail fast.
   */
  tryAcquire(): boolean {
    if (this.#state === 'closed') {
      return true;
    }
    if (this.#state === 'open') {
      if (this.#now() < this.#openUntil) {
        return false;
      }
      this.#state = 'half-open';
      this.#trialInFlight = false;
    }
    if (this.#trialInFlight) {
      return false;
    }
    this.#trialInFlight = true;
    return true;
  }

  /** Reports a successful call: closes the breaker and resets it. */
  recordSuccess(): void {
    this.#state = 'closed';
    this.#consecutiveFailures = 0;
    this.#coolDownMs = this.#baseCoolDownMs;
    this.#trialInFlight = false;
  }

  /**
   * Reports a failed call. Returns true when this failure opened the breaker
   * (so the caller can log it once).
   */
  recordFailure(): boolean {
    this.#consecutiveFailures += 1;
    if (this.#state === 'half-open') {
      // the trial failed: open again, for twice as long
      this.#coolDownMs = Math.min(this.#coolDownMs * 2, this.#maxCoolDownMs);
      this.#open();
      return true;
    }
    if (this.#state === 'open') {
      // a call that started before the breaker opened; already open
      return false;
    }
    if (this.#consecutiveFailures >= this.#failureThreshold) {
      this.#open();
      return true;
    }
    return false;
  }

  /**
   * Reports a call whose outcome says nothing about the upstream's health
   * (e.g. the caller aborted). Frees the trial slot of a half-open breaker.
   */
  recordNeutral(): void {
    if (this.#state === 'half-open') {
      this.#trialInFlight = false;
    }
  }

  #open(): void {
    this.#state = 'open';
    this.#openUntil = this.#now() + this.#coolDownMs;
    this.#trialInFlight = false;
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(
      `CircuitBreaker ${name} must be a positive integer, got ${value}`,
    );
  }
  return value;
}

function positiveNumber(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new TypeError(
      `CircuitBreaker ${name} must be a positive number, got ${value}`,
    );
  }
  return value;
}
