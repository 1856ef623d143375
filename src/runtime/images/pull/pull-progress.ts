/**
 * A pull's progress, for the CLI's and the TUI's bars (and, through pullJsonMessages, Docker's
 * JSON message stream): the layers once the manifest is known, then each layer's state in order
 * (`exists` when unpacked already, `pending` when it is to be pulled), then each pulled layer's
 * bytes as they arrive (`downloading`, counting bytes an interrupted pull left), extraction, and
 * the end.
 */
export type PullProgress =
  | {
      kind: 'manifest';
      reference: string;
      /** The image manifest's digest (the platform's, for an index). */
      digest: string;
      /**
       * Whether the store holds the image already (a record names its config), which Docker
       * checks before it looks at layers: every layer is then reported `exists`.
       */
      stored: boolean;
      layers: Array<{ digest: string; size: number }>;
    }
  | { kind: 'layer'; digest: string; status: 'exists' | 'pending' | 'downloading' | 'extracting' | 'complete'; current: number; total: number }
  | {
      kind: 'done';
      reference: string;
      /** The image manifest's digest. */
      digest: string;
      /** What the reference resolved to at the registry: the index's digest for a multi-platform image, else the manifest's (Docker's `Digest:` line). */
      registryDigest: string;
      /** False when the reference named this image before the pull (Docker's "Image is up to date"), true otherwise ("Downloaded newer image"). */
      updated: boolean;
    };
