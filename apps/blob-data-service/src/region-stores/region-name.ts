import { findRegion } from '@atrest/contracts';

/** Region names as stores are keyed (and databases named): lower-case letters and digits. */
export const REGION_NAME = /^[a-z0-9]+$/;

/** The region an account location names ("East US" or "eastus" -> "eastus"). */
export const regionNameOf = (location: string): string => findRegion(location)?.name ?? location.toLowerCase().replace(/[^a-z0-9]/g, '');
