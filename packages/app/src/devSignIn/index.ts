export { DevSignInPage } from './DevSignInPage';
export { devUserAuthApis } from './devUsers';
