import { decode, encode, RECURSION_DESIRED, type Answer, type DecodedPacket, type OptAnswer, type Packet, type Question } from 'dns-packet';
import { describe, expect, test } from 'vitest';
import { answerQuery, answerTtl, NameTable, type NameSource, type QueryOutcome, type Transport } from '../../../src/network/dns/index.js';

function table(): { names: NameTable; source: NameSource } {
  const names = new NameTable();
  const add = (containerId: string, containerName: string, ipv4: string, aliases: string[], ipv6?: string) =>
    names.add({ networkId: 'n', networkName: 'shop_default', containerId, containerName, aliases, ipv4, ...(ipv6 === undefined ? {} : { ipv6 }) });
  add('asker', 'shop-client-1', '172.18.0.9', ['client']);
  add('w1', 'shop-web-1', '172.18.0.2', ['web'], 'fd00::2');
  add('d1', 'shop-db-1', '172.18.0.3', ['db']);
  for (let n = 1; n <= 40; n += 1) add(`r${n}`, `shop-worker-${n}`, `172.18.1.${n}`, ['worker']);
  const requester = names.requesterAt('n', '172.18.0.9');
  return { names, source: { lookup: (name, family) => names.lookup(requester, name, family), reverse: (address) => names.reverse(requester, address) } };
}

function query(question: Question, extra: Partial<Packet> = {}): Buffer {
  return encode({ type: 'query', id: 4242, flags: RECURSION_DESIRED, questions: [question], ...extra });
}

function replied(outcome: QueryOutcome): DecodedPacket & { rcode?: string } {
  if (outcome.kind !== 'reply') throw new Error(`expected a reply, got ${outcome.kind}`);
  return decode(outcome.message);
}

const ask = (message: Buffer, transport: Transport = 'udp') => answerQuery(message, transport, table().source);
const edns = (udpPayloadSize: number, ednsVersion = 0): Partial<Packet> => ({
  additionals: [{ type: 'OPT', name: '.', udpPayloadSize, extendedRcode: 0, ednsVersion, flags: 0, flag_do: false, options: [] } as OptAnswer],
});

describe('answering a question', () => {
  test('an A question for a service gets its address with TTL 600, the question echoed, RD kept and RA set', () => {
    const reply = replied(ask(query({ type: 'A', name: 'DB' })));
    expect(reply).toMatchObject({ id: 4242, type: 'response', rcode: 'NOERROR', flag_rd: true, flag_ra: true, flag_aa: false, flag_tc: false });
    expect(reply.questions).toEqual([{ type: 'A', name: 'DB', class: 'IN' }]);
    expect(reply.answers).toEqual([{ type: 'A', name: 'DB', class: 'IN', ttl: answerTtl, data: '172.18.0.3', flush: false }]);
    expect(answerTtl).toBe(600);
  });

  test('AAAA gets the IPv6 address, and ANY gets both families', () => {
    expect(replied(ask(query({ type: 'AAAA', name: 'web' }))).answers).toMatchObject([{ type: 'AAAA', data: 'fd00::2' }]);
    expect(replied(ask(query({ type: 'ANY' as Question['type'], name: 'web' }))).answers?.map((answer) => answer.type)).toEqual(['A', 'AAAA']);
  });

  test('a known name without the record asked for is NOERROR with no answers (NODATA), not NXDOMAIN', () => {
    for (const type of ['AAAA', 'MX', 'TXT'] as const) {
      const reply = replied(ask(query({ type, name: 'db' })));
      expect(reply.rcode).toBe('NOERROR');
      expect(reply.answers).toEqual([]);
    }
  });

  test('a name the table does not know is forwarded, whatever its type', () => {
    for (const type of ['A', 'AAAA', 'MX'] as const) expect(ask(query({ type, name: 'example.org' }))).toEqual({ kind: 'forward' });
  });

  test('PTR answers <container>.<network> for a container address, and forwards other addresses', () => {
    const reply = replied(ask(query({ type: 'PTR', name: '3.0.18.172.in-addr.arpa' })));
    expect(reply.answers).toEqual([{ type: 'PTR', name: '3.0.18.172.in-addr.arpa', class: 'IN', ttl: 600, data: 'shop-db-1.shop_default', flush: false }]);
    const v6Name = `${'fd000000000000000000000000000002'.split('').reverse().join('.')}.ip6.arpa`;
    expect(replied(ask(query({ type: 'PTR', name: v6Name }))).answers).toMatchObject([{ type: 'PTR', data: 'shop-web-1.shop_default' }]);
    expect(ask(query({ type: 'PTR', name: '1.0.18.172.in-addr.arpa' }))).toEqual({ kind: 'forward' });
    expect(ask(query({ type: 'PTR', name: '8.8.8.8.in-addr.arpa' }))).toEqual({ kind: 'forward' });
  });

  test('questions of another class are forwarded', () => {
    expect(ask(query({ type: 'A', name: 'db', class: 'CH' }))).toEqual({ kind: 'forward' });
  });

  test('a UDP answer over 512 bytes loses answers from the end and sets TC; over TCP it is whole', () => {
    const udp = replied(ask(query({ type: 'A', name: 'worker' })));
    expect(udp.flag_tc).toBe(true);
    expect(encode(udp).length).toBeLessThanOrEqual(512);
    expect(udp.answers?.length).toBeGreaterThan(10);
    expect(udp.answers?.length).toBeLessThan(40);
    const tcp = replied(ask(query({ type: 'A', name: 'worker' }), 'tcp'));
    expect(tcp.flag_tc).toBe(false);
    expect(tcp.answers).toHaveLength(40);
  });

  test('an EDNS query gets an OPT record back and as much UDP payload as it offers, up to 1232 bytes', () => {
    const big = ask(query({ type: 'A', name: 'worker' }, edns(4096)));
    if (big.kind !== 'reply') throw new Error('expected a reply');
    const reply = decode(big.message);
    expect(reply.flag_tc).toBe(false);
    expect(reply.answers).toHaveLength(40);
    expect(reply.additionals).toMatchObject([{ type: 'OPT', udpPayloadSize: 1232 }]);
    expect(big.message.length).toBeLessThanOrEqual(1232);
    const small = replied(ask(query({ type: 'A', name: 'worker' }, edns(200))));
    expect(small.flag_tc).toBe(true);
    expect(encode(small).length).toBeLessThanOrEqual(512);
  });

  test('an EDNS version other than 0 gets BADVERS', () => {
    const reply = replied(ask(query({ type: 'A', name: 'db' }, edns(1232, 1))));
    expect(reply.answers).toEqual([]);
    expect(reply.additionals).toMatchObject([{ type: 'OPT', extendedRcode: 1 }]);
  });

  test('garbage after a readable header gets FORMERR with the same id; shorter garbage and responses get nothing', () => {
    const garbage = Buffer.concat([Buffer.from([0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0]), Buffer.from([0x3f, 0x41])]);
    const outcome = ask(garbage);
    if (outcome.kind !== 'reply') throw new Error('expected a reply');
    expect(outcome.message.readUInt16BE(0)).toBe(0x1234);
    expect(decode(outcome.message)).toMatchObject({ type: 'response', rcode: 'FORMERR', flag_rd: true });
    expect(ask(Buffer.from([1, 2, 3]))).toEqual({ kind: 'ignore' });
    const response = encode({ type: 'response', id: 1, questions: [{ type: 'A', name: 'db' }], answers: [] as Answer[] });
    expect(ask(response)).toEqual({ kind: 'ignore' });
  });

  test('a message with no question, or two, is FORMERR; another opcode is NOTIMP', () => {
    expect(replied(ask(encode({ type: 'query', id: 7, questions: [] }))).rcode).toBe('FORMERR');
    const two = encode({ type: 'query', id: 7, questions: [{ type: 'A', name: 'db' }, { type: 'A', name: 'web' }] });
    expect(replied(ask(two)).rcode).toBe('FORMERR');
    const status = encode({ type: 'query', id: 7, flags: 2 << 11, questions: [{ type: 'A', name: 'db' }] });
    expect(replied(ask(status))).toMatchObject({ rcode: 'NOTIMP', opcode: 'STATUS' });
  });

  test('random bytes never throw', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    const valid = query({ type: 'A', name: 'db' });
    for (let round = 0; round < 2_000; round += 1) {
      const mutated = Buffer.from(valid.subarray(0, next() % (valid.length + 8)));
      for (let flips = 0; flips < 3 && mutated.length > 0; flips += 1) mutated[next() % mutated.length] = next();
      expect(() => ask(mutated)).not.toThrow();
    }
  });
});
