// How each relation type is drawn: a colour (a CSS variable set in graph.module.css for both
// themes) and a dash pattern, so the type never rests on colour alone.

const STROKES: Record<string, { color: string; dash?: string }> = {
  dependsOn: { color: "var(--rel-depends-on)" },
  consumesApi: { color: "var(--rel-consumes-api)", dash: "6 4" },
  providesApi: { color: "var(--rel-provides-api)" },
  partOf: { color: "var(--rel-part-of)", dash: "2 4" },
  ownedBy: { color: "var(--rel-owned-by)", dash: "8 3 2 3" },
  memberOf: { color: "var(--rel-member-of)", dash: "4 2" },
  childOf: { color: "var(--rel-child-of)", dash: "1 3" },
};

export function relationStroke(type: string): { color: string; dash?: string } {
  return STROKES[type] ?? { color: "var(--rel-other)", dash: "3 3" };
}
