/**
 * Service Catalog's portfolios, split out of shared.ts: creating and sharing
 * them, which accounts they reach, the owner/importer look-ups and their AWS
 * shape.
 */
import { ids } from '../../ids.ts';
import type { EmulatorState, PortfolioRecord } from '../../state.ts';
import { notFound } from './requests.ts';

export function createPortfolio(
  state: EmulatorState,
  accountId: string,
  fields: { displayName: string; providerName: string; description?: string },
): PortfolioRecord {
  const id = ids.portfolio();
  const portfolio: PortfolioRecord = {
    id,
    arn: `arn:aws:catalog:us-east-1:${accountId}:portfolio/${id}`,
    ownerAccountId: accountId,
    displayName: fields.displayName,
    providerName: fields.providerName,
    description: fields.description ?? '',
    productIds: [],
    createdAt: new Date(),
  };
  state.portfolios.set(id, portfolio);
  return portfolio;
}

export function sharePortfolio(
  state: EmulatorState,
  portfolioId: string,
  target: {
    type: 'ACCOUNT' | 'ORGANIZATION' | 'ORGANIZATIONAL_UNIT';
    value: string;
  },
  sharePrincipals = false,
) {
  const existing = state.portfolioShares.find(
    s => s.portfolioId === portfolioId && s.target === target.value,
  );
  if (existing) return existing; // sharing again is a no-op in AWS
  const share = {
    token: target.type === 'ACCOUNT' ? undefined : ids.shareToken(),
    portfolioId,
    target: target.value,
    type: target.type,
    sharePrincipals,
    createdAt: new Date(),
    status: 'COMPLETED' as 'IN_PROGRESS' | 'COMPLETED',
  };
  state.portfolioShares.push(share);
  return share;
}

/** The share types through which the portfolio reaches the account. */
export function shareTypesFor(
  state: EmulatorState,
  portfolioId: string,
  accountId: string,
) {
  const types = new Set<string>();
  for (const share of state.portfolioShares) {
    if (share.portfolioId !== portfolioId || share.status !== 'COMPLETED')
      continue;
    if (share.type === 'ACCOUNT' && share.target === accountId) {
      types.add('IMPORTED');
    }
    if (
      share.type === 'ORGANIZATION' ||
      (share.type === 'ORGANIZATIONAL_UNIT' &&
        state.pathTo(accountId).includes(share.target))
    ) {
      types.add('AWS_ORGANIZATIONS');
    }
  }
  return types;
}

export function accessiblePortfolio(
  state: EmulatorState,
  accountId: string,
  portfolioId: string,
) {
  const portfolio = state.portfolios.get(portfolioId);
  if (
    !portfolio ||
    (portfolio.ownerAccountId !== accountId &&
      !state.acceptedShares.has(`${accountId}/${portfolioId}`))
  ) {
    throw notFound(`Portfolio ${portfolioId} not found.`);
  }
  return portfolio;
}

export function ownedPortfolio(
  state: EmulatorState,
  accountId: string,
  portfolioId: string,
) {
  const portfolio = state.portfolios.get(portfolioId);
  if (!portfolio || portfolio.ownerAccountId !== accountId) {
    throw notFound(`Portfolio ${portfolioId} not found.`);
  }
  return portfolio;
}

export function portfolioDetail(portfolio: PortfolioRecord) {
  return {
    Id: portfolio.id,
    ARN: portfolio.arn,
    DisplayName: portfolio.displayName,
    Description: portfolio.description,
    ProviderName: portfolio.providerName,
    CreatedTime: portfolio.createdAt,
  };
}
