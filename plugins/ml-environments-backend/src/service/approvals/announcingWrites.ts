import { SignalsService } from '@backstage/plugin-signals-node';
import { ML_ENVIRONMENTS_REQUESTS_SIGNAL_CHANNEL } from '@mlgov/plugin-ml-environments-common';

/**
 * The store with each of its `writes` followed by a broadcast that requests
 * changed (only when: the cards read through the routes, which check
 * permissions). Every writer, the routes and the scheduled enforcer alike,
 * goes through the store, so none can forget to announce.
 */
export function announcingWrites<T extends object>(
  store: T,
  writes: Array<keyof T & string>,
  signals: SignalsService,
): T {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || !writes.includes(key as any)) {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (...args: unknown[]) => {
        const result = await value.apply(target, args);
        await signals.publish({
          recipients: { type: 'broadcast' },
          channel: ML_ENVIRONMENTS_REQUESTS_SIGNAL_CHANNEL,
          message: { at: new Date().toISOString() },
        });
        return result;
      };
    },
  });
}
