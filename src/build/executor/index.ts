/**
 * The builder: a Dockerfile built in the engine, as Docker's classic builder does (RUN in real
 * containers committed as layers, COPY and ADD through the engine's archive writer, config
 * steps with no container), with BuildKit's stage selection and parallel stages, and a layer
 * cache kept under the data root. `buildImage` is what `POST /build` runs.
 */
export { buildImage } from './build-image.js';
export type { BuildEngine, BuildOutput, BuildRequest, BuiltImage } from './build-types.js';
export { builderPaths } from './builder-paths.js';
export { LayerCache } from './layer-cache.js';
