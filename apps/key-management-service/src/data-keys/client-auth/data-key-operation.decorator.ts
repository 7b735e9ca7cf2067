import { SetMetadata } from '@nestjs/common';
import type { KeyOperation } from '../../audit/audit.log';

export const DATA_KEY_OPERATION = 'atrest:data-key-operation';

/** Marks a route as a data-key operation: DataKeyClientGuard authenticates, authorizes and audits it under this name. */
export const DataKeyOperation = (operation: KeyOperation) => SetMetadata(DATA_KEY_OPERATION, operation);
