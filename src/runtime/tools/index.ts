/** Running the host's tools (tar, mount, setfattr...) by argument list, and explaining their failures. */
export { runTool } from './run-tool.js';
export { collectStderr, describeExit, lastLines, missingPackage, type ToolExit } from './tool-exit.js';
