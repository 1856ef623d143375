import { Header, type types } from 'tar';

/** A member of a tar made by hand, so a test can put in it names and types no tar writer would. */
export interface HandmadeMember {
  path: string;
  type?: types.EntryTypeName;
  body?: string;
  linkpath?: string;
  mode?: number;
}

export function handmadeTar(members: readonly HandmadeMember[]): Buffer {
  const blocks: Buffer[] = [];
  for (const member of members) {
    const body = Buffer.from(member.body ?? '');
    const type = member.type ?? 'File';
    const header = new Header({
      path: member.path,
      type,
      mode: member.mode ?? (type === 'Directory' ? 0o755 : 0o644),
      size: body.length,
      mtime: new Date('2024-01-02T03:04:05Z'),
      uid: 0,
      gid: 0,
      ...(member.linkpath === undefined ? {} : { linkpath: member.linkpath }),
    });
    header.encode();
    blocks.push(header.block!, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
