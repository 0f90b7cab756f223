export { MlEffectivePermissionsCard } from './MlEffectivePermissionsCard';
