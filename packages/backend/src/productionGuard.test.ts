import { DEV_EXTRAS_OVERRIDE, unsafeStartReason } from './productionGuard';

describe('unsafeStartReason', () => {
  const safe = { permissionEnabled: true };

  it('lets development start with its extras', () => {
    expect(
      unsafeStartReason({
        ...safe,
        env: { NODE_ENV: 'development', ML_ENVIRONMENTS_DEV_EXTRAS: 'true' },
        authEnvironment: 'development',
      }),
    ).toBeUndefined();
  });

  it.each([
    [{ NODE_ENV: 'production' }, undefined],
    [{ NODE_ENV: 'development' }, 'production'],
  ])(
    'refuses the dev extras in production (env %j, auth.environment %s)',
    (env, authEnvironment) => {
      expect(
        unsafeStartReason({
          ...safe,
          env: { ...env, ML_ENVIRONMENTS_DEV_EXTRAS: 'true' },
          authEnvironment,
        }),
      ).toMatch(
        /^Refusing to start: ML_ENVIRONMENTS_DEV_EXTRAS=true adds guest sign-in, file catalog locations and local publishing/,
      );
    },
  );

  it('starts them in production only with the documented override', () => {
    expect(
      unsafeStartReason({
        ...safe,
        env: {
          NODE_ENV: 'production',
          ML_ENVIRONMENTS_DEV_EXTRAS: 'true',
          [DEV_EXTRAS_OVERRIDE]: 'true',
        },
      }),
    ).toBeUndefined();
  });

  it('refuses production without the permission framework', () => {
    expect(
      unsafeStartReason({
        env: { NODE_ENV: 'production' },
        permissionEnabled: undefined,
      }),
    ).toMatch(/permission\.enabled is not true/);
    expect(
      unsafeStartReason({ env: { NODE_ENV: 'production' }, ...safe }),
    ).toBeUndefined();
  });
});
