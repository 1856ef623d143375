/**
 * Shapes shared by several Engine API resources (API v1.41). Field names are Docker's own, so a
 * value can go to the engine and come back unchanged; only the fields berth reads or writes are
 * declared, and the engine may send more.
 */

/** Labels on any resource: `com.docker.compose.project` and the rest (DESIGN.md section 1). */
export type Labels = Record<string, string>;

/**
 * List and prune filters, as `{"label": ["a=b"], "status": ["running"]}`. The client sends them
 * JSON-encoded in the `filters` query parameter; several values of one key match any of them,
 * several keys must all match.
 */
export type Filters = Record<string, readonly string[]>;

/** Durations in the API (health check intervals, timeouts) are integer nanoseconds. */
export type Nanoseconds = number;

/** `{"message": "..."}`: the body of every error answer. */
export interface ErrorResponse {
  message: string;
}
