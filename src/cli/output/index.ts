export { colourEnabled, type AnsiMode, type Environment, type OutputStream } from './terminal.js';
export { LogPrinter, rfc3339NanoFixed, type LogLine, type LogPrinterOptions } from './log-printer.js';
export { choosePrintMode, createProgressPrinter } from './progress-printer.js';
export { openProgressOutput } from './progress-output.js';
export type { PrintMode, ProgressOption, ProgressPrinter, ProgressPrinterOptions } from './progress-printer.js';
export { ProgressBoard, progressFrame, renderProgressFrame, type FrameOptions, type ResourceProgress, type ResourceState } from './progress-frame.js';
export { alignColumns, formatList, renderTable, type ListFormat } from './table.js';
export { onInterrupts, type InterruptHandlers, type SignalSource } from './signals.js';
