/** A member of a hand-made tar: a file with `body`, or a symbolic link to `link`. */
export interface HandmadeMember {
  name: string;
  body?: string;
  link?: string;
}

/**
 * A ustar archive written byte by byte, so a test can put in it any name a tar library would
 * refuse to write (`../evil`, `/etc/passwd`). ASCII only, so it survives a text pipe.
 */
export function handmadeTar(members: readonly HandmadeMember[]): Buffer {
  const blocks: Buffer[] = [];
  for (const member of members) {
    const body = Buffer.from(member.body ?? '', 'utf8');
    const header = Buffer.alloc(512);
    header.write(member.name, 0, 100, 'utf8');
    header.write('0000644\0', 100, 'ascii');
    header.write('0000000\0', 108, 'ascii');
    header.write('0000000\0', 116, 'ascii');
    header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
    header.write('00000000000\0', 136, 'ascii');
    header.write(member.link === undefined ? '0' : '2', 156, 'ascii');
    if (member.link !== undefined) header.write(member.link, 157, 100, 'utf8');
    header.write('ustar\u000000', 257, 'ascii');
    // The checksum counts its own field as eight spaces.
    header.write('        ', 148, 'ascii');
    const checksum = header.reduce((sum, byte) => sum + byte, 0);
    header.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
