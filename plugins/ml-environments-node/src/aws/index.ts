export * from './step';
export * from './organizations';
export * from './controlTower';
export * from './controlTowerRest';
export * from './serviceCatalog';
export * from './budgets';
export * from './sagemaker';
export * from './lakeFormation';
