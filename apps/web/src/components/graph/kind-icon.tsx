// Small glyphs beside the kind's name (the name is always written out; the glyph only helps scanning).

const PATHS: Record<string, string> = {
  component: "M3 3h10v10H3z M6 6h4v4H6z",
  api: "M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2z M8 5a3 3 0 1 0 0 6 3 3 0 0 0 0-6z",
  resource: "M3 4c0-1.1 2.2-2 5-2s5 .9 5 2v8c0 1.1-2.2 2-5 2s-5-.9-5-2z M3 4c0 1.1 2.2 2 5 2s5-.9 5-2",
  system: "M2 3h12v10H2z M2 6h12",
  domain: "M8 2l6 3.5v5L8 14l-6-3.5v-5z",
  group: "M5.5 7a2 2 0 1 0 0-4 2 2 0 0 0 0 4z M10.5 7a2 2 0 1 0 0-4 2 2 0 0 0 0 4z M2 13c0-2 1.6-4 3.5-4S9 11 9 13 M7 13c0-2 1.6-4 3.5-4S14 11 14 13",
  user: "M8 7a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z M3 14c0-3 2.2-5 5-5s5 2 5 5",
  location: "M8 14s-4.5-4.2-4.5-7.5a4.5 4.5 0 0 1 9 0C12.5 9.8 8 14 8 14z",
  template: "M3 2h7l3 3v9H3z M10 2v3h3",
};

export function KindIcon({ kind }: { kind: string }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.4">
      <path d={PATHS[kind] ?? "M4 4h8v8H4z"} />
    </svg>
  );
}
