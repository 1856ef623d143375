import { describe, expect, it } from 'vitest';
import { chompHeredoc } from '../../../../src/build/dockerfile/index.js';
import { fieldAfterFrom, instructionsAfterFrom, parseError, parsedAfterFrom } from '../parse-helpers.js';

const heredocsOf = (body: string): unknown => fieldAfterFrom(body, 'heredocs');

describe('heredocs on RUN', () => {
  it('reads the body up to the terminator line, newlines kept, and leaves the shell form command as written', () => {
    expect(parsedAfterFrom('RUN <<EOF\napk add curl\necho "$HOME" # kept\nEOF')).toEqual({
      keyword: 'RUN',
      command: { form: 'shell', command: '<<EOF' },
      heredocs: [{ name: 'EOF', expand: true, chomp: false, content: 'apk add curl\necho "$HOME" # kept\n' }],
      mounts: [],
      network: 'default',
      security: 'sandbox',
    });
  });

  it('reads an empty body', () => {
    expect(heredocsOf('RUN <<EMPTY\nEMPTY')).toEqual([{ name: 'EMPTY', expand: true, chomp: false, content: '' }]);
  });

  it('matches the terminator after leading tabs with <<-, keeping the body’s tabs for the consumer to strip', () => {
    expect(heredocsOf('RUN <<-EOT\n\techo a\n\t\techo b\n\t\tEOT')).toEqual([{ name: 'EOT', expand: true, chomp: true, content: '\techo a\n\t\techo b\n' }]);
  });

  it('does not match an indented terminator without <<-', () => {
    expect(heredocsOf('RUN <<EOT\n\techo a\n\tEOT\nEOT')).toEqual([{ name: 'EOT', expand: true, chomp: false, content: '\techo a\n\tEOT\n' }]);
  });

  it('marks single-quoted, double-quoted and partly quoted terminators as not expanded', () => {
    expect(heredocsOf("RUN <<'EOF'\n$A\nEOF")).toEqual([{ name: 'EOF', expand: false, chomp: false, content: '$A\n' }]);
    expect(heredocsOf('RUN <<"EOF"\n$A\nEOF')).toEqual([{ name: 'EOF', expand: false, chomp: false, content: '$A\n' }]);
    expect(heredocsOf("RUN <<eo'f'\nx\neof")).toEqual([{ name: 'eof', expand: false, chomp: false, content: 'x\n' }]);
    expect(heredocsOf("RUN <<-'EOF'\n\tx\nEOF")).toEqual([{ name: 'EOF', expand: false, chomp: true, content: '\tx\n' }]);
  });

  it('keeps an escaped quote in the terminator without turning expansion off', () => {
    expect(heredocsOf("RUN <<eo\\'f\nx\neo'f")).toEqual([{ name: "eo'f", expand: true, chomp: false, content: 'x\n' }]);
  });

  it('accepts a quoted terminator with a blank in it', () => {
    expect(heredocsOf("RUN <<'one two'\nx\none two")).toEqual([{ name: 'one two', expand: false, chomp: false, content: 'x\n' }]);
  });

  it('accepts blanks between << and the terminator', () => {
    expect(heredocsOf('RUN <<  EOF > /out\nx\nEOF')).toEqual([{ name: 'EOF', expand: true, chomp: false, content: 'x\n' }]);
    expect(heredocsOf('RUN <<- EOF\nx\nEOF')).toEqual([{ name: 'EOF', expand: true, chomp: true, content: 'x\n' }]);
    expect(heredocsOf('RUN << -EOF\nx\n-EOF')).toEqual([{ name: '-EOF', expand: true, chomp: false, content: 'x\n' }]);
  });

  it('records a file descriptor before <<', () => {
    expect(heredocsOf('RUN cat 3<<IN\nx\nIN')).toEqual([{ name: 'IN', fileDescriptor: 3, expand: true, chomp: false, content: 'x\n' }]);
  });

  it('reads several heredocs of one line in order, each up to its own terminator', () => {
    expect(heredocsOf('RUN cat <<A <<B\nB\nA\nA\nB')).toEqual([
      { name: 'A', expand: true, chomp: false, content: 'B\n' },
      { name: 'B', expand: true, chomp: false, content: 'A\n' },
    ]);
  });

  it('keeps a terminator that names a variable as written', () => {
    expect(heredocsOf('RUN <<$EOF\n$EOF')).toEqual([{ name: '$EOF', expand: true, chomp: false, content: '' }]);
  });

  it('reads the heredoc after flags and a continued line', () => {
    const [run] = instructionsAfterFrom('RUN --mount=type=cache,target=/root/.cache \\\n  <<EOF\npip install x\nEOF\nUSER app');
    expect(run).toMatchObject({ startLine: 2, endLine: 5, mounts: ['type=cache,target=/root/.cache'], heredocs: [{ name: 'EOF', content: 'pip install x\n' }] });
  });

  it('opens no heredoc from a quoted <<, a here-string or the exec form', () => {
    expect(heredocsOf('RUN echo "<<NOHEREDOC"')).toEqual([]);
    expect(heredocsOf("RUN echo '<<EOF'")).toEqual([]);
    expect(heredocsOf('RUN cat <<<EOF')).toEqual([]);
    expect(parsedAfterFrom('RUN ["cat", "<<EOF"]')).toMatchObject({ command: { form: 'exec', args: ['cat', '<<EOF'] }, heredocs: [] });
  });

  it('opens no heredoc on instructions other than RUN, COPY and ADD', () => {
    expect(instructionsAfterFrom('USER <<INVALID\nUSER app').map((instruction) => instruction.keyword)).toEqual(['USER', 'USER']);
  });

  it('reads heredocs of an ONBUILD trigger', () => {
    const [onbuild, user] = instructionsAfterFrom('ONBUILD RUN <<EOF\necho hi\nEOF\nUSER app');
    expect(onbuild).toMatchObject({ endLine: 4, trigger: { keyword: 'RUN', heredocs: [{ name: 'EOF', content: 'echo hi\n' }] }, expression: 'RUN <<EOF\necho hi\nEOF' });
    expect(user).toMatchObject({ startLine: 5 });
  });

  it('rejects a heredoc that the file ends inside, naming the instruction’s line', () => {
    const error = parseError('FROM alpine\nRUN <<EOF\necho hi\n');
    expect(error.message).toBe('Dockerfile:2: unterminated heredoc');
    expect(error.hint).toBe('end the heredoc with a line holding only "EOF"');
  });
});

describe('chomping a heredoc body', () => {
  it('removes the leading tabs of every line, and only tabs', () => {
    expect(chompHeredoc('\thello\n\t\t world\n  spaces\n')).toBe('hello\n world\n  spaces\n');
  });
});
