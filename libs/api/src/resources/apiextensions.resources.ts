import { ALL_VERBS, type ResourceDeclaration } from './resource';

/**
 * `apiextensions.k8s.io/v1`: CustomResourceDefinitions. The custom resources they define are not
 * declared here: they join the table at run time (custom-resources.ts) once their CRD is Established.
 */
export const APIEXTENSIONS_RESOURCES = [
  {
    group: 'apiextensions.k8s.io',
    version: 'v1',
    protobuf: true,
    kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions',
    singular: 'customresourcedefinition',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    verbs: ALL_VERBS,
    subresources: ['status'],
    storage: 'generic',
    schema: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
  },
] as const satisfies readonly ResourceDeclaration[];
