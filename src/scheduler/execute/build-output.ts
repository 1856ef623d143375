import type { ProgressMessage } from '../../api/index.js';
import { progressEvent, type BuildLine, type ProgressSink } from '../contract/progress.js';

/** How many lines of a failed build's output its error quotes. */
const tailLength = 10;

/**
 * Reads one build's messages as the classic builder streams them and reports each line as a
 * progress event of the image (`Building`, with the line in `buildLine`). The engine splits
 * lines across messages (`{"stream":"Step 1/4 : FROM x"}{"stream":"\n"}`) and joins several
 * in one, so the text is reassembled into lines first. It keeps the image id (the `aux`
 * message, or the id line alone under `q`) and the last lines of the steps and their output,
 * for the error of a failed build.
 */
export class BuildOutput {
  imageId: string | undefined;
  private pending = '';
  private step: string | undefined;
  private readonly recent: string[] = [];

  constructor(
    private readonly service: string,
    private readonly image: string,
    private readonly sink: ProgressSink,
  ) {}

  /** The last lines of the steps and what they printed, oldest first. */
  get tail(): readonly string[] {
    return this.recent;
  }

  message(message: ProgressMessage): void {
    const id = message.aux?.ID;
    if (typeof id === 'string') this.imageId = id;
    if (typeof message.stream !== 'string') return;
    const lines = (this.pending + message.stream).split('\n');
    this.pending = lines.pop()!;
    for (const line of lines) this.line(line.replace(/\r$/, ''));
  }

  /** The stream ended: a last line without its newline still counts. */
  end(): void {
    if (this.pending !== '') this.line(this.pending.replace(/\r$/, ''));
    this.pending = '';
  }

  private line(text: string): void {
    const role = buildLineRole(text);
    if (role === 'step') this.step = text;
    if (/^sha256:[0-9a-f]{64}$/.test(text)) this.imageId = text;
    if (role === 'step' || role === 'output') {
      this.recent.push(text);
      if (this.recent.length > tailLength) this.recent.shift();
    }
    const line: BuildLine = { service: this.service, text, role };
    this.sink({ ...progressEvent('Image', this.image, 'Building', detailOf(line, this.step)), buildLine: line });
  }
}

/**
 * What a line of the classic builder's output is: `Step 2/5 : RUN make` starts a step,
 * ` ---> Using cache` says the cache had it, ` ---> ...`, `Removing intermediate container ...`,
 * `Successfully built/tagged ...` and an id alone are the builder's own; the rest is what the
 * step's command printed.
 */
export function buildLineRole(text: string): BuildLine['role'] {
  if (/^Step \d+\/\d+ : /.test(text)) return 'step';
  if (text === ' ---> Using cache') return 'cached';
  if (/^ ---> /.test(text) || /^Removing intermediate container /.test(text) || /^Successfully (built|tagged) /.test(text) || /^sha256:[0-9a-f]{64}$/.test(text)) return 'builder';
  return 'output';
}

/** The words the terminal block and the TUI show beside the image: the step, or what it printed. */
function detailOf(line: BuildLine, step: string | undefined): string | undefined {
  switch (line.role) {
    case 'step':
    case 'output':
      return line.text;
    case 'cached':
      return step === undefined ? 'Using cache' : `${step} (cached)`;
    case 'builder':
      return step;
  }
}
