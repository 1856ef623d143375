/** The canonical compose model: the long-form document `docker compose config` prints, as types. */
export type * from './build.js';
export type * from './common.js';
export type * from './deploy.js';
export type * from './dependencies.js';
export type * from './develop.js';
export type * from './healthcheck.js';
export type * from './ports.js';
export type * from './project.js';
export type * from './resources.js';
export type * from './service.js';
export type * from './service-misc.js';
export type * from './service-volumes.js';
