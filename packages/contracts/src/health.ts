import { z } from "zod";

export const HealthResponseSchema = z.object({ status: z.literal("ok") });

export const ReadinessResponseSchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  checks: z.object({
    database: z.enum(["up", "down"]),
    migrations: z.object({
      status: z.enum(["up_to_date", "pending", "unknown"]),
      pending: z.array(z.string()),
    }),
  }),
});
export type ReadinessResponse = z.infer<typeof ReadinessResponseSchema>;
