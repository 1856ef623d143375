/** Printing the compose model as `docker compose config` does. */
export { renderDocument, renderProject } from './render-project.js';
export type { RenderFormat } from './render-project.js';
export { defaultImageName, imageNames, networkNames, serviceNamesInDependencyOrder, volumeNames } from './listings.js';
export { compareYamlKeys } from './natural-order.js';
