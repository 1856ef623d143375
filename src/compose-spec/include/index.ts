/** The top-level `include`: other compose models, loaded on their own and copied in. */
export { applyIncludes, type IncludeContext, type IncludeRequest } from './apply-includes.js';
