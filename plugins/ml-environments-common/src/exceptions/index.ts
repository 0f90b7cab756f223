export * from './carveOut';
export * from './validateExceptionRequest';
