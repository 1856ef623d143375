/**
 * A push's progress, shaped like a pull's so one renderer serves both: the layers once the stored
 * manifest is read, then each layer found in the registry already (`exists`), mounted from
 * another repository of the registry without sending it (`mounted`, Docker's "Mounted from"), or
 * uploaded (`pushing` with the bytes sent so far, then `pushed`), and the end.
 */
export type PushProgress =
  | { kind: 'manifest'; reference: string; digest: string; layers: Array<{ digest: string; size: number }> }
  | { kind: 'layer'; digest: string; status: 'exists' | 'pushing' | 'pushed'; current: number; total: number }
  | { kind: 'layer'; digest: string; status: 'mounted'; from: string; current: number; total: number }
  | { kind: 'done'; reference: string; digest: string };
