/**
 * A pull's progress, for the CLI's and the TUI's bars: the layers once the manifest is known, then
 * each layer's bytes as they arrive, extraction, and the end.
 */
export type PullProgress =
  | { kind: 'manifest'; reference: string; digest: string; layers: Array<{ digest: string; size: number }> }
  | { kind: 'layer'; digest: string; status: 'exists' | 'downloading' | 'extracting' | 'complete'; current: number; total: number }
  | { kind: 'done'; reference: string; digest: string };
