export { RequestsCard } from './RequestsCard';
export type { RequestColumn, RequestsCardProps } from './RequestsCard';
export { askedAndDecided, day } from './requestHistory';
export type { ProjectRequest } from './requestHistory';
