import { decode, encode, type Answer, type DecodedPacket, type OptAnswer, type Question } from 'dns-packet';
import { addressOfPtrName } from './addresses.js';
import type { NameLookup } from './name-table.js';

/** Docker's embedded DNS gives its answers a TTL of 600 seconds. */
export const answerTtl = 600;
/** The most a UDP answer may carry without EDNS (RFC 1035), and the least an EDNS client may ask for. */
export const classicUdpSize = 512;
/** The UDP payload size berth offers over EDNS: the 2020 DNS flag day's value, safe from IP fragmentation. */
export const ednsUdpSize = 1232;
/** A DNS message over TCP carries a 16-bit length. */
export const maxTcpMessage = 65_535;

export type Transport = 'udp' | 'tcp';

/** The names a question may be answered from, already scoped to the container that asked. */
export interface NameSource {
  lookup(name: string, family: 4 | 6): NameLookup;
  reverse(address: string): string | undefined;
}

/** What to do with a message: send `message` back, ask the upstream servers, or drop it (it is no question). */
export type QueryOutcome = { kind: 'reply'; message: Buffer } | { kind: 'forward' } | { kind: 'ignore' };

const flagQr = 1 << 15;
const flagAa = 1 << 10;
const flagTc = 1 << 9;
const flagRd = 1 << 8;
const flagRa = 1 << 7;
const flagCd = 1 << 4;
const opcodeMask = 0xf << 11;

export const rcodes = { noError: 0, formErr: 1, servFail: 2, nxDomain: 3, notImp: 4, refused: 5 } as const;
/** BADVERS (16) is an extended rcode: 1 in the OPT record's high bits, 0 in the header. */
const badVersHigh = 1;

/**
 * Answers one DNS message from `names`, or says to forward it. Never throws: a message that does
 * not parse gets FORMERR when its header can be read (so the client stops waiting) and is
 * dropped otherwise, as are responses (QR set), so two resolvers can never bounce a message
 * between them.
 *
 * Answered here: A and AAAA (and ANY, with both) for names the table knows, NOERROR with no
 * answers for a known name that has no record of the type asked (NODATA: the name exists, so
 * NXDOMAIN would be a lie and asking upstream pointless), and PTR for addresses of containers on
 * the requester's networks. Everything else is forwarded, as Docker's embedded DNS does.
 */
export function answerQuery(message: Buffer, transport: Transport, names: NameSource): QueryOutcome {
  if (message.length < 12 || (message.readUInt16BE(2) & flagQr) !== 0) return { kind: 'ignore' };
  let query: DecodedPacket;
  try {
    query = decode(message);
  } catch {
    return { kind: 'reply', message: headerOnlyReply(message, rcodes.formErr) };
  }
  if (((query.flags ?? 0) & opcodeMask) !== 0) return { kind: 'reply', message: reply(query, rcodes.notImp, [], transport) };
  const question = query.questions?.[0];
  if (question === undefined || query.questions?.length !== 1) return { kind: 'reply', message: reply(query, rcodes.formErr, [], transport) };
  const opt = optOf(query);
  if (opt !== undefined && opt.ednsVersion !== 0) return { kind: 'reply', message: reply(query, rcodes.noError, [], transport, badVersHigh) };
  if (question.class !== undefined && question.class !== 'IN') return { kind: 'forward' };

  const answers = answersFor(question, names);
  if (answers === undefined) return { kind: 'forward' };
  return { kind: 'reply', message: reply(query, rcodes.noError, answers, transport) };
}

/** SERVFAIL for a question the resolver could not answer (no upstream answered in time), or undefined if it is no question. */
export function serverFailure(message: Buffer, transport: Transport): Buffer | undefined {
  try {
    const query = decode(message);
    return query.flag_qr ? undefined : reply(query, rcodes.servFail, [], transport);
  } catch {
    return message.length < 12 ? undefined : headerOnlyReply(message, rcodes.servFail);
  }
}

/** The records answering `question`, or undefined when the table does not know the name (forward it). */
function answersFor(question: Question, names: NameSource): Answer[] | undefined {
  const address = (family: 4 | 6): Answer[] | undefined => {
    const found = names.lookup(question.name, family);
    if (found.kind === 'unknown') return undefined;
    if (found.kind === 'no-data') return [];
    return found.addresses.map((data) => ({ type: family === 4 ? 'A' : 'AAAA', name: question.name, class: 'IN', ttl: answerTtl, data }) as Answer);
  };
  switch (question.type) {
    case 'A':
      return address(4);
    case 'AAAA':
      return address(6);
    case 'PTR': {
      const target = addressOfPtrName(question.name);
      const name = target === undefined ? undefined : names.reverse(target);
      return name === undefined ? undefined : [{ type: 'PTR', name: question.name, class: 'IN', ttl: answerTtl, data: name }];
    }
    default: {
      const v4 = address(4);
      const v6 = address(6);
      if (v4 === undefined && v6 === undefined) return undefined;
      // ANY gets what the name has; any other type of a known name has no records here (NODATA).
      return (question.type as string) === 'ANY' ? [...(v4 ?? []), ...(v6 ?? [])] : [];
    }
  }
}

function optOf(query: DecodedPacket): OptAnswer | undefined {
  return query.additionals?.find((record): record is OptAnswer => record.type === 'OPT');
}

/**
 * The response to `query`: the question echoed in the asker's spelling (some stubs check the
 * case they randomized), RD and CD copied, RA set, an OPT record when the query had one. Over UDP
 * an answer too big for the asker loses answers from the end and gets TC, so the client asks
 * again over TCP; over TCP only the 64 KiB limit applies (and never TC), as in Docker.
 */
function reply(query: DecodedPacket, rcode: number, answers: Answer[], transport: Transport, extendedRcode = 0): Buffer {
  const opt = optOf(query);
  const limit = transport === 'tcp' ? maxTcpMessage : opt === undefined ? classicUdpSize : Math.max(classicUdpSize, Math.min(opt.udpPayloadSize, ednsUdpSize));
  const flags = ((query.flags ?? 0) & (opcodeMask | flagRd | flagCd)) | flagRa | rcode;
  const additionals: Answer[] = opt === undefined ? [] : [{ type: 'OPT', name: '.', udpPayloadSize: ednsUdpSize, extendedRcode, ednsVersion: 0, flags: 0, flag_do: false, options: [] }];
  const kept = [...answers];
  let truncated = false;
  for (;;) {
    const message = encode({ type: 'response', id: query.id ?? 0, flags: flags | (truncated && transport === 'udp' ? flagTc : 0), questions: query.questions ?? [], answers: kept, additionals });
    if (message.length <= limit || kept.length === 0) return message;
    kept.pop();
    truncated = true;
  }
}

/** A reply built from the first 12 bytes only, for a message whose body does not parse: no question, no records. */
function headerOnlyReply(message: Buffer, rcode: number): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(message.readUInt16BE(0), 0);
  const flags = message.readUInt16BE(2);
  header.writeUInt16BE(flagQr | (flags & (opcodeMask | flagRd | flagCd)) | flagRa | rcode, 2);
  return header;
}

/** What a forwarded answer's header says, enough to decide whether to try the next upstream. */
export function responseHeader(message: Buffer): { id: number; isResponse: boolean; rcode: number; authoritative: boolean; truncated: boolean } | undefined {
  if (message.length < 12) return undefined;
  const flags = message.readUInt16BE(2);
  return { id: message.readUInt16BE(0), isResponse: (flags & flagQr) !== 0, rcode: flags & 0xf, authoritative: (flags & flagAa) !== 0, truncated: (flags & flagTc) !== 0 };
}
