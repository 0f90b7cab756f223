/**
 * What the Service Catalog operations share, kept as one import place: the
 * code lives in files by concern and is re-exported here.
 */
export * from './requests.ts';
export * from './portfolioAccess.ts';
export * from './productAccess.ts';
export * from './provisioningRecords.ts';
