export { AccountId, AccountLabel } from './AccountId';
