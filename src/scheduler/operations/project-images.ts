import { EngineError, type EngineClient } from '../../api/index.js';
import type { Project } from '../../compose-spec/index.js';
import { serviceImage } from '../desired/service-image.js';

/** The engine's id of each image the services use; images the engine lacks are left out. */
export async function imageIdsOf(client: EngineClient, project: Project, services: readonly string[]): Promise<Map<string, string>> {
  const images = [...new Set(services.map((service) => serviceImage(project, service)))];
  const ids = new Map<string, string>();
  await Promise.all(
    images.map(async (image) => {
      try {
        ids.set(image, (await client.images.inspect(image)).Id);
      } catch (error) {
        if (!(error instanceof EngineError && error.code === 'ENGINE_NOT_FOUND')) throw error;
      }
    }),
  );
  return ids;
}
