import { ML_ENVIRONMENTS_REQUESTS_SIGNAL_CHANNEL } from '@mlgov/plugin-ml-environments-common';
import { announcingWrites } from './announcingWrites';

describe('announcingWrites', () => {
  it('announces after each write, only when it succeeded, and never on reads', async () => {
    const published: unknown[] = [];
    const signals = { publish: async (m: unknown) => void published.push(m) };
    const store = {
      rows: [] as string[],
      async add(row: string) {
        if (row === 'bad') throw new Error('refused');
        this.rows.push(row);
        return row;
      },
      async list() {
        return this.rows;
      },
    };
    const announced = announcingWrites(store, ['add'], signals as any);
    expect(await announced.add('a')).toBe('a');
    expect(await announced.list()).toEqual(['a']);
    await expect(announced.add('bad')).rejects.toThrow('refused');
    expect(published).toEqual([
      {
        recipients: { type: 'broadcast' },
        channel: ML_ENVIRONMENTS_REQUESTS_SIGNAL_CHANNEL,
        message: { at: expect.any(String) },
      },
    ]);
  });
});
