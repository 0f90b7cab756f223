#!/usr/bin/env node
// npm run emulator -- --port 4599 [--seed seeds/demo.yaml | --seed brownfield[:accounts]] [--config knobs.yaml]
import { DEFAULT_MODELS_DIR, serviceModels } from './constraints.ts';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { brownfieldSeed } from './brownfield.ts';
import { readSeedFile } from './seed.ts';
import { startEmulator } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4599' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string' },
    config: { type: 'string' },
    'async-delay-ms': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port ${values.port} is not a port number`);
  process.exit(2);
}

/** A seed file, or `brownfield[:accounts]` for a generated company organization. */
function seedOf(option: string | undefined) {
  if (!option) return undefined;
  const brownfield = /^brownfield(?::(\d+))?$/.exec(option);
  if (brownfield) {
    return brownfieldSeed({
      accounts: brownfield[1] ? Number(brownfield[1]) : undefined,
    });
  }
  return readSeedFile(option);
}

async function main() {
  const config = values.config
    ? YAML.parse(readFileSync(values.config, 'utf8'))
    : {};
  if (values['async-delay-ms'] !== undefined) {
    config.asyncDelayMs = Number(values['async-delay-ms']);
  }
  const emulator = await startEmulator({
    port,
    host: values.host,
    seed: seedOf(values.seed),
    config,
  });
  console.log(`AWS emulator ready at ${emulator.url}`);
  if (serviceModels().size === 0) {
    console.warn(
      `No AWS service models at ${
        process.env.AWS_EMULATOR_MODELS_DIR ?? DEFAULT_MODELS_DIR
      } (apt-get install python3-botocore): lengths, patterns, enums and ranges are not checked`,
    );
  }
  const stop = () => emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  console.error(`AWS emulator failed to start: ${(error as Error).message}`);
  process.exit(1);
});
