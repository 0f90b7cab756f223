export {
  MlProjectLayoutCard,
  GuardrailStateBadge,
} from './MlProjectLayoutCard';
