// The remote protocol's framing (host/gdb/packet.ts): what a GDB, or a
// broken client, can put on the wire, and what we put there.
import { describe, expect, it } from 'vitest';
import { checksum, decodeBody, encodeRuns, escape, frame, fromHex, MAX_PACKET, PacketReader, toHex } from '../../host/gdb/packet.js';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const read = (s: string) => new PacketReader().push(bytes(s));

describe('checksums', () => {
  it('is the sum of the body bytes modulo 256, as two hex digits', () => {
    expect(checksum('')).toBe(0);
    expect(checksum('OK')).toBe(0x9a);
    expect(frame('OK')).toBe('$OK#9a');
    expect(frame('qSupported:multiprocess+')).toMatch(/^\$qSupported:multiprocess\+#[0-9a-f]{2}$/);
  });

  it('takes a packet whose checksum matches, in upper or lower case hex', () => {
    expect(read('$g#67')).toEqual([{ kind: 'packet', body: 'g' }]);
    expect(read('$m80000000,4#C4'.replace('C4', checksum('m80000000,4').toString(16).toUpperCase()))).toEqual([{ kind: 'packet', body: 'm80000000,4' }]);
  });

  it('refuses one whose checksum does not match, or is not hex', () => {
    expect(read('$g#68')).toEqual([{ kind: 'bad', why: 'checksum mismatch' }]);
    expect(read('$g#zz')[0].kind).toBe('bad');
  });
});

describe('escapes', () => {
  it("escapes '#', '$', '}' and '*' as '}' and the byte xor 0x20", () => {
    expect(escape('a#b$c}d*e')).toBe('a}\x03b}\x04c}]d}\x0ae');
    expect(decodeBody(escape('a#b$c}d*e'))).toBe('a#b$c}d*e');
  });

  it('carries any byte through X-packet data and back', () => {
    const all = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i));
    const wire = frame('X80000000,100:' + all, false);
    const got = new PacketReader().push(bytes(wire));
    expect(got).toEqual([{ kind: 'packet', body: 'X80000000,100:' + all }]);
  });

  it('refuses a packet that ends inside an escape', () => {
    const wire = 'ab}';
    expect(read(`$${wire}#${checksum(wire).toString(16).padStart(2, '0')}`)).toEqual([{ kind: 'bad', why: 'bad escape or run' }]);
  });
});

describe('run-length encoding', () => {
  it("expands 'c*n' to c and n - 29 more copies", () => {
    expect(decodeBody('0* ')).toBe('0000');
    expect(decodeBody('x*"y')).toBe('xxxxxx' + 'y');
  });

  it('encodes runs without ever producing # or $ as the count', () => {
    for (let n = 1; n <= 300; n++) {
      const body = 'a' + '0'.repeat(n) + 'b';
      const wire = encodeRuns(body);
      expect(wire).not.toMatch(/\*[#$]/);
      expect(decodeBody(wire)).toBe(body);
    }
    expect(encodeRuns('0'.repeat(16))).toBe('0*,');
  });

  it('never starts a run inside an escape', () => {
    const body = '}}}}}}}}' + '****';
    expect(decodeBody(encodeRuns(escape(body)))).toBe(body);
  });

  it('refuses a run with nothing before it, or a count past the printable range', () => {
    expect(decodeBody('* ')).toBeNull();
    expect(decodeBody('a*')).toBeNull();
    expect(decodeBody('a*\x7f')).toBeNull();
  });

  it('is undone by the reader', () => {
    const body = 'g' + '0'.repeat(500);
    expect(new PacketReader().push(bytes(frame(body)))).toEqual([{ kind: 'packet', body }]);
  });
});

describe('the byte stream', () => {
  it('tells acknowledgements, Ctrl-C and packets apart, in order', () => {
    expect(read('+$?#3f-\x03')).toEqual([{ kind: 'ack' }, { kind: 'packet', body: '?' }, { kind: 'nak' }, { kind: 'interrupt' }]);
  });

  it('takes a packet split across any number of chunks', () => {
    const r = new PacketReader();
    const wire = frame('qXfer:features:read:target.xml:0,ffb');
    const got = [...wire].flatMap((c) => r.push(bytes(c)));
    expect(got).toEqual([{ kind: 'packet', body: 'qXfer:features:read:target.xml:0,ffb' }]);
    expect(r.midPacket).toBe(false);
  });

  it('skips noise between packets and starts over at a $ inside a packet', () => {
    expect(read('hello\r\n$g#67')).toEqual([{ kind: 'packet', body: 'g' }]);
    expect(read('$m800$g#67')).toEqual([{ kind: 'packet', body: 'g' }]);
  });

  it('says when it stopped inside a packet', () => {
    const r = new PacketReader();
    expect(r.push(bytes('$m8000'))).toEqual([]);
    expect(r.midPacket).toBe(true);
  });

  it('refuses a packet longer than PacketSize, then takes the next one', () => {
    const r = new PacketReader();
    const got = r.push(bytes('$' + 'a'.repeat(3 * MAX_PACKET) + '#00$g#67'));
    expect(got[0]).toEqual({ kind: 'bad', why: 'packet too long' });
    expect(got[got.length - 1]).toEqual({ kind: 'packet', body: 'g' });
  });
});

describe('hex', () => {
  it('round-trips bytes and refuses odd lengths and non-hex', () => {
    expect(toHex(new Uint8Array([0, 0x7f, 0xff]))).toBe('007fff');
    expect(fromHex('007fff')).toEqual(new Uint8Array([0, 0x7f, 0xff]));
    expect(fromHex('abc')).toBeNull();
    expect(fromHex('zz')).toBeNull();
  });
});
