export { MlDataGrantsCard } from './MlDataGrantsCard';
