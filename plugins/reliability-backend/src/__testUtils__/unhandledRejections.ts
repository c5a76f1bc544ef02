/**
 * Records the promise rejections nobody handles while the calling test file
 * (or describe block) runs; the array it returns fills as they happen.
 */
export function recordUnhandledRejections(): unknown[] {
  const seen: unknown[] = [];
  const record = (reason: unknown) => {
    seen.push(reason);
  };
  beforeAll(() => {
    process.on('unhandledRejection', record);
  });
  afterAll(() => {
    process.off('unhandledRejection', record);
  });
  return seen;
}
