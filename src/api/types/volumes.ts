/** Volume shapes (API v1.41). */
import type { Labels } from './common.js';

/** `GET /volumes/{name}` and the entries of a volume list. */
export interface Volume {
  Name: string;
  Driver: string;
  /** Where the volume's data lives on the engine's host. */
  Mountpoint: string;
  CreatedAt?: string;
  Labels: Labels | null;
  Scope: 'local' | 'global';
  Options: Record<string, string> | null;
  Status?: Record<string, unknown>;
}

/** `POST /volumes/create` body; without a Name the engine makes an anonymous volume. */
export interface VolumeCreateRequest {
  Name?: string;
  Driver?: string;
  DriverOpts?: Record<string, string>;
  Labels?: Labels;
}

/** `GET /volumes` answer. */
export interface VolumeListResponse {
  Volumes: Volume[] | null;
  Warnings: string[] | null;
}

/** `POST /volumes/prune` answer. */
export interface VolumePruneResponse {
  VolumesDeleted: string[] | null;
  SpaceReclaimed: number;
}
