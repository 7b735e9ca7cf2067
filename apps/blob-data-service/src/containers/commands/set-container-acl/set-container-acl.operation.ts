import { refusedOperation } from '../../../blob-rest/refused-operation';

/** Set Container ACL: refused (get-container-acl.operation.ts says why), changing nothing. */
export const SetContainerAclOperation = refusedOperation(
  { level: 'container', methods: ['PUT'], restype: 'container', comp: 'acl', writes: true, sas: { permissions: '', service: false } },
  'Set Container ACL is not supported: atrest serves no anonymous reads and no stored access policies, so every container stays private (a SAS signed with an account key still works).',
);
