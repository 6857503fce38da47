// A synthetic catalog for benchmarks: `count` entities with about five relations each, in the
// proportions of a large company (teams, systems, components, APIs, resources). Deterministic:
// the same count always gives the same catalog.
const LIFECYCLES = ["production", "production", "production", "experimental", "deprecated"];
const TYPES = ["service", "service", "website", "library", "worker"];
const WORDS = ["payment", "order", "ledger", "search", "catalog", "billing", "shipping", "identity", "pricing", "inventory", "review", "fraud", "report", "notify", "media"];
const TAGS = ["java", "go", "python", "node", "kotlin", "rust", "pci", "gdpr", "critical", "internal"];

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function generateCatalog(count, { kinds = "component-only" } = {}) {
  const random = rng(count);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const teams = Math.max(5, Math.floor(count / 100));
  const systems = Math.max(3, Math.floor(count / 50));
  const entities = [];
  for (let i = 0; i < count; i++) {
    const word = pick(WORDS);
    const name = `${word}-${i.toString(36)}`;
    const deps = Array.from({ length: 3 }, () => `component:default/${pick(WORDS)}-${Math.floor(random() * count).toString(36)}`);
    entities.push({
      apiVersion: "backstage.io/v1alpha1",
      kind: "Component",
      metadata: {
        name,
        title: `${word[0].toUpperCase()}${word.slice(1)} ${i}`,
        description: `The ${word} ${pick(TYPES)} number ${i}, handling ${pick(WORDS)} and ${pick(WORDS)} for the ${pick(WORDS)} domain.`,
        tags: [pick(TAGS), pick(TAGS)].filter((t, j, a) => a.indexOf(t) === j),
        annotations: { "backstage.io/source-location": `url:https://git.example.com/org/${name}` },
      },
      spec: {
        type: pick(TYPES),
        lifecycle: pick(LIFECYCLES),
        owner: `group:default/team-${Math.floor(random() * teams)}`,
        system: `system:default/system-${Math.floor(random() * systems)}`,
        dependsOn: [...new Set(deps)],
      },
    });
  }
  void kinds;
  return entities;
}
