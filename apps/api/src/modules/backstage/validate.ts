import { prepareEntity } from "../entities/service.ts";

/**
 * Checks a descriptor with the same validation the API stores entities with. Like Backstage,
 * only the first problem is reported.
 */
export function firstProblem(entity: unknown, extraKinds: readonly string[]): string | null {
  const result = prepareEntity(entity, { extraKinds });
  if (result.ok) return null;
  const [problem] = result.errors;
  if (!problem) return "The entity is not valid";
  const named = !problem.path || problem.path === "(root)" || problem.message.includes(problem.path);
  return named ? problem.message : `${problem.path}: ${problem.message}`;
}
