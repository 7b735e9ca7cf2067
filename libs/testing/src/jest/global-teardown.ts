import { stopContainers } from '../infrastructure/containers';

export default async function globalTeardown(): Promise<void> {
  await stopContainers();
}
