import { Injectable, type PipeTransform } from '@nestjs/common';
import { subscriptionId } from '@atrest/contracts';
import { ArmError } from '@atrest/azure-wire';

/**
 * The {subscriptionId} path segment, as the event contracts accept it (else
 * ARM's InvalidSubscriptionId), in lower case: ARM ids are case-insensitive,
 * so one subscription keeps one stream however a client spells it.
 */
@Injectable()
export class SubscriptionIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!subscriptionId.safeParse(value).success)
      throw new ArmError(400, 'InvalidSubscriptionId', `The provided subscription identifier '${value.slice(0, 80)}' is malformed or invalid.`);
    return value.toLowerCase();
  }
}
