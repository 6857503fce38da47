/** A small, valid descriptor to start from, owned by the visitor's first team when known. */
export function exampleDescriptor(groupRef: string | undefined): string {
  const owner = groupRef ? groupRef.replace(/^group:(default\/)?/, "") : "my-team";
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: my-service
  title: My service
  description: What it does, in one sentence.
spec:
  type: service
  lifecycle: experimental
  owner: ${owner}
`;
}
