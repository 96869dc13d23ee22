// Problems with the environment variables that configure the kernels (SCRATCHNET_BACKEND,
// SCRATCHNET_THREADS): importing the library never throws for them; the first use of the
// kernels does, naming the variable, unless the program chose explicitly in the meantime.

const problems = new Map<string, Error>();
let first: Error | undefined;

/** Records (or, with undefined, clears) the problem with one variable. */
export function setEnvProblem(variable: string, problem: Error | undefined): void {
  if (problem) problems.set(variable, problem);
  else problems.delete(variable);
  first = problems.values().next().value;
}

/** Throws the first recorded problem, if any (called on every use of the kernels). */
export function throwEnvProblem(): void {
  if (first) throw first;
}
