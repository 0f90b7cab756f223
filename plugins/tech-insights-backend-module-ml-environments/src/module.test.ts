import { throttled } from './module';

describe('throttled', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs at once, then once more at the end of the interval for any calls in between', async () => {
    const fn = jest.fn(async () => {});
    const run = throttled(fn, 60_000);
    await run();
    expect(fn).toHaveBeenCalledTimes(1);
    await run();
    await run();
    expect(fn).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(fn).toHaveBeenCalledTimes(2);
    // Quiet for longer than the interval: at once again.
    await jest.advanceTimersByTimeAsync(60_000);
    await run();
    expect(fn).toHaveBeenCalledTimes(3);
  });
});
