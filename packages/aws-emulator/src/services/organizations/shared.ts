/**
 * What the Organizations operations share, kept as one import place: the
 * code lives in files by concern and is re-exported here.
 */
export * from './validation.ts';
export * from './policyRules.ts';
export * from './ouTree.ts';
export * from './accountViews.ts';
