// CSI and OSC sequences, then every other C0/C1 control but tab. A container's output reaches the
// user's terminal through the UI, so it must not be able to move the cursor, retitle the window or
// switch screens; the UI draws its own colours.
const escapeSequences = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]?/g;
const controls = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/** A line of container output made safe to draw: escapes removed, tabs as spaces, a trailing CR dropped. */
export function printable(line: string): string {
  const bare = line.replace(escapeSequences, '').replace(/\r$/, '').replace(controls, '');
  return bare.includes('\t') ? bare.replace(/\t/g, '    ') : bare;
}
