export { selectProfiles } from './select-profiles.js';
export type { ProfileSelection } from './select-profiles.js';
