import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { ContentStore } from '../store/index.js';
import { archiveInvalid } from './archive-errors.js';
import { ArchiveMembers } from './archive-members.js';
import { dockerArchiveImages } from './docker-archive.js';
import { familiarString } from './image-catalog.js';
import { ociLayoutImages } from './oci-archive.js';
import { storeImage } from './store-image.js';

export interface LoadImagesOptions {
  /**
   * Where archive members that are not named by digest (`<id>/layer.tar` of older Docker saves)
   * wait until the archive's manifest says what they are; best on the store's filesystem.
   * Default: the system's temporary directory.
   */
  temporaryDirectory?: string;
}

/** What `docker load` prints: `Loaded image: busybox:latest`, or `Loaded image ID: sha256:...` for one without tags. */
export interface LoadedImage {
  id: string;
  manifestDigest: string;
  /** Its tags from the archive, familiar (`busybox:latest`); empty when it came without. */
  references: string[];
}

/**
 * `docker load`: reads a `docker save` tarball (manifest.json: Docker 20.10's layout or Docker 25's)
 * or an OCI image layout as a tar (index.json: skopeo's `oci-archive:`, `berth save`), plain or
 * gzip-compressed, from `input` in one pass. manifest.json is read when both are there, as
 * Docker reads it. Layers are unpacked through the hardened extractor by ChainID; then each
 * image is tagged, a tag taken from another image leaving that one under its id.
 *
 * The archive is hostile input: a member whose name is absolute or climbs out with `..`, a link
 * that points outside, a device node, or a JSON document over 8 MiB stops the load with
 * IMAGE_ARCHIVE_REFUSED naming the member; a member under blobs/ whose content does not match
 * its name does too. Content stored before the failure is left to garbage collection.
 */
export async function loadImages(content: ContentStore, input: Readable | AsyncIterable<Uint8Array>, options: LoadImagesOptions = {}): Promise<LoadedImage[]> {
  // Keeps what the load stores from garbage collection until its images are tagged.
  await using store = await content.lease();
  const scratch = await mkdtemp(join(options.temporaryDirectory ?? tmpdir(), 'berth-load-'));
  try {
    const members = await ArchiveMembers.read(store, input, scratch);
    const images = members.has('manifest.json')
      ? await dockerArchiveImages(members)
      : members.has('index.json')
        ? await ociLayoutImages(members)
        : undefined;
    if (images === undefined) throw archiveInvalid('it holds neither manifest.json (docker save) nor index.json (an OCI image layout)');
    const loaded: LoadedImage[] = [];
    for (const image of images) {
      const { id, manifestDigest } = await storeImage(store, image);
      loaded.push({ id, manifestDigest, references: image.references.map(familiarString) });
    }
    return loaded;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
