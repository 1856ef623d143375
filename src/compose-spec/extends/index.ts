/** `services.*.extends`: a service built on another one, from the same file or another. */
export { applyExtends, type ExtendsContext } from './apply-extends.js';
