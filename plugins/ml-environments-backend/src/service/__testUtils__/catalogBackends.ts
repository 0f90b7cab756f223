/*
 * The catalog bench's two catalogs: the real catalog backend
 * (@backstage/plugin-catalog-backend) with the peer's account processor on
 * an `aws-cloud-accounts` location, and the same catalog with the suite and
 * its account entity provider; and a watch that reads the catalog over HTTP
 * as a user would, noting when each form of its account entities appeared.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { AwsOrganizationCloudAccountProcessor } from '@backstage/plugin-catalog-backend-module-aws';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';

const READER = 'user:default/reader';

/** The catalog allows the kinds both sources emit; the rest as its defaults. */
const CATALOG = { rules: [{ allow: ['Component', 'Resource', 'Location'] }] };

/** The peer's processor, installed as its docs say (a catalog module). */
const peerModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'aws-organization-accounts',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ catalog, config, logger }) {
        // The peer nests its own @backstage/plugin-catalog-node (v2); the
        // processor interface is the same.
        catalog.addProcessor(
          (await AwsOrganizationCloudAccountProcessor.fromConfig(config, {
            logger,
          })) as any,
        );
      },
    });
  },
});

/** A catalog with the peer reading the organization `organizationId`. */
export function startPeerCatalog(
  organizationId: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
) {
  return startTestBackend({
    features: [
      catalogPlugin,
      peerModule,
      mockServices.rootConfig.factory({
        data: {
          aws: { mainAccount: credentials },
          catalog: {
            ...CATALOG,
            locations: [{ type: 'aws-cloud-accounts', target: organizationId }],
          },
        },
      }),
    ],
  });
}

/**
 * A catalog with the suite (the plugin, and its catalog module), with
 * Backstage's events service: the test backend's mock gives each plugin its
 * own, so the catalog module would never hear of a new snapshot.
 */
export function startSuiteCatalog(features: any[], config: object) {
  return startTestBackend({
    features: [
      catalogPlugin,
      eventsServiceFactory,
      ...features,
      mockServices.rootConfig.factory({
        data: { ...config, catalog: CATALOG },
      }),
    ],
  });
}

/** What a user's catalog read shows of an entity: its name, annotations, spec. */
function formOf(entity: Entity) {
  return JSON.stringify([
    entity.metadata.name,
    entity.metadata.title,
    Object.entries(entity.metadata.annotations ?? {})
      .filter(([key]) => !key.startsWith('backstage.io/'))
      .sort(),
    entity.spec,
  ]);
}

/** One hash for a set of entities' forms, whatever their order. */
export function formsHash(entities: Entity[]) {
  return createHash('sha1')
    .update(entities.map(formOf).sort().join('\n'))
    .digest('hex');
}

/**
 * Reads `GET /api/catalog/entities/by-query` for `spec.type` every
 * `everyMs` over HTTP, keeping when each count and each form first showed.
 */
export function watchCatalog(
  server: { address(): unknown },
  specType: string,
  /** When the backend was asked to start (Date.now()). */
  started: number,
  everyMs = 1000,
) {
  const base = `http://localhost:${
    (server.address() as AddressInfo).port
  }/api/catalog/entities/by-query`;
  const seen: Array<{ seconds: number; count: number; hash: string }> = [];
  let stopped = false;
  let latest: Entity[] = [];
  const read = async () => {
    const items: Entity[] = [];
    let cursor: string | undefined;
    do {
      const url = cursor
        ? `${base}?cursor=${encodeURIComponent(cursor)}`
        : `${base}?filter=${encodeURIComponent(
            `kind=resource,spec.type=${specType}`,
          )}&limit=500`;
      const response = await fetch(url, {
        headers: { authorization: mockCredentials.user.header(READER) },
      });
      if (!response.ok) throw new Error(`catalog read: ${response.status}`);
      const page = await response.json();
      items.push(...page.items);
      cursor = page.pageInfo?.nextCursor;
    } while (cursor);
    return items;
  };
  const loop = (async () => {
    while (!stopped) {
      latest = await read();
      const seconds = (Date.now() - started) / 1000;
      const hash = formsHash(latest);
      if (seen.at(-1)?.hash !== hash)
        seen.push({ seconds, count: latest.length, hash });
      await new Promise(r => setTimeout(r, everyMs));
    }
  })();
  return {
    seen,
    latest: () => latest,
    /** Waits until `done` holds for the entities read last. */
    async until(done: (entities: Entity[]) => boolean, timeoutMs: number) {
      const deadline = Date.now() + timeoutMs;
      while (!done(latest)) {
        if (Date.now() > deadline)
          throw new Error('the catalog did not get there in time');
        await new Promise(r => setTimeout(r, 200));
      }
    },
    /** The first time the catalog showed these forms, in seconds from the start. */
    firstSeen(hash: string) {
      return seen.find(s => s.hash === hash)?.seconds;
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
