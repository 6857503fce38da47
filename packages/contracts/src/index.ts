export * from "./problem.ts";
export * from "./health.ts";
export * from "./entity.ts";
export * from "./entity-ref.ts";
export * from "./request-id.ts";
export * from "./history.ts";
export * from "./catalog-query.ts";
