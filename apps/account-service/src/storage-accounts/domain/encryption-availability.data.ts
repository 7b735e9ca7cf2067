import type { Tier } from './storage-account';

/**
 * Where Storage Service Encryption is offered, per storage tier: the seed's
 * "Availability" section, verbatim. Data, so a roll-out to a new region is a
 * one-line change here (names as the region catalog displays them).
 */
export const encryptionAvailability: Readonly<Record<Tier, readonly string[]>> = {
  Standard: [
    'Australia Southeast',
    'Canada Central',
    'Canada East',
    'Central US',
    'East Asia',
    'East US',
    'East US 2',
    'North Central US',
    'North Europe',
    'South Central US',
    'Southeast Asia',
    'West Europe',
    'West US',
  ],
  Premium: [
    'Australia Southeast',
    'Canada Central',
    'Canada East',
    'Central US',
    'East Asia',
    'East US',
    'East US 2',
    'Japan East',
    'North Central US',
    'North Europe',
    'South Central US',
    'Southeast Asia',
    'West US',
  ],
};
