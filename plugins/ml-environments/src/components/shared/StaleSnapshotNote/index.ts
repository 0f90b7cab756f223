export { StaleSnapshotNote } from './StaleSnapshotNote';
