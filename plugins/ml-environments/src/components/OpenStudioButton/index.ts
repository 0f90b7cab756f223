export { OpenStudioButton } from './OpenStudioButton';
