import { refusedOperation } from '../../../blob-rest/refused-operation';

/** Set Container ACL: refused (get-container-acl.operation.ts says why), changing nothing. */
export const SetContainerAclOperation = refusedOperation(
  { level: 'container', methods: ['PUT'], restype: 'container', comp: 'acl', writes: true },
  'Set Container ACL is not supported: atrest serves no anonymous reads and no SAS, so every container stays private and without stored access policies.',
);
