/**
 * Frontend plugin showing each ML project's AWS account layout and
 * guardrail status on its catalog entity page.
 *
 * @packageDocumentation
 */

export { mlEnvironmentsPlugin, EntityMlEnvironmentSummaryCard } from './plugin';
export { isMlProjectEntity } from '@mlgov/plugin-ml-environments-common';
