import { MalformedHeader } from './tar-header.js';

/**
 * Parses the body of a pax extended header: records "LENGTH KEY=VALUE\n", LENGTH counting the
 * whole record in bytes. Keys and values stay latin1 (one character per byte), like names.
 * Anything off the grammar is refused, since GNU tar's reading of a malformed record (a skip, a
 * partial value) is not something to bet a layer on.
 */
export function parsePaxRecords(body: Buffer): Array<[key: string, value: string]> {
  const records: Array<[string, string]> = [];
  let offset = 0;
  while (offset < body.length) {
    const space = body.indexOf(0x20, offset);
    const lengthText = space === -1 ? '' : body.subarray(offset, space).toString('latin1');
    if (!/^[1-9][0-9]{0,9}$/.test(lengthText)) throw new MalformedHeader('is a pax header with a record that does not start with its length');
    const end = offset + Number(lengthText);
    if (end > body.length || body[end - 1] !== 0x0a) throw new MalformedHeader('is a pax header with a record whose length does not match its text');
    const record = body.subarray(space + 1, end - 1).toString('latin1');
    const equals = record.indexOf('=');
    if (equals <= 0) throw new MalformedHeader('is a pax header with a record that has no KEY=VALUE');
    records.push([record.slice(0, equals), record.slice(equals + 1)]);
    offset = end;
  }
  return records;
}
