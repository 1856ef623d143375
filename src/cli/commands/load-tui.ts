/**
 * Loads the terminal UI. React picks its build when first imported: without NODE_ENV it takes the
 * development one, which costs the UI about a fifth more CPU while logs pour in (bench:tui).
 */
export async function loadTui(): Promise<typeof import('../../tui/index.js')> {
  process.env.NODE_ENV ??= 'production';
  return import('../../tui/index.js');
}
