export {
  catalogModuleFileLocations,
  scaffolderModuleLocalPublishing,
} from './module';
