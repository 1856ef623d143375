import type { Operation, OperationStep, Plan } from './operations.js';

/** Collects operations with increasing ids; `add` returns the id so later steps can wait on it. */
export class PlanBuilder {
  private readonly operations: Operation[] = [];

  add(step: OperationStep, cause: string, after: Iterable<number | undefined> = []): number {
    const id = this.operations.length + 1;
    const waits = [...new Set([...after].filter((value): value is number => value !== undefined))].sort((a, b) => a - b);
    this.operations.push({ ...step, id, cause, after: waits });
    return id;
  }

  build(): Plan {
    return { operations: [...this.operations] };
  }
}
