export { MlProjectsHomeCard } from './MlProjectsHomeCard';
export type { MlProjectsHomeCardProps } from './MlProjectsHomeCard';
