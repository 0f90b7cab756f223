import { createProductionBackend } from './composition';

createProductionBackend()
  .then(backend => backend.start())
  .catch(error => {
    console.error(error.message ?? error);
    process.exit(1);
  });
