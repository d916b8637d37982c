import { avroTypeOf, type Contract } from '@amtsbote/schemas';
import type avro from 'avsc';
import type { AvroCodec } from './avro-codec.js';
import { AmtsboteError } from './errors.js';

/**
 * An AvroCodec with an in-memory registry, for unit tests. It writes the same wire format
 * (magic byte, 4-byte schema id, Avro body); integration tests use the real registry.
 */
export function createMemoryAvroCodec(): AvroCodec {
  const bySubject = new Map<string, number>();
  const types: avro.Type[] = [];
  const codec: AvroCodec = {
    async register(contract: Contract) {
      let id = bySubject.get(contract.subject);
      if (id === undefined) {
        id = types.push(avroTypeOf(contract));
        bySubject.set(contract.subject, id);
      }
      return id;
    },
    async encode(contract, value) {
      const id = await codec.register(contract);
      const header = Buffer.alloc(5);
      header.writeInt32BE(id, 1);
      return Buffer.concat([header, types[id - 1]!.toBuffer(value)]);
    },
    async decode<T>(buffer: Buffer | null) {
      if (!buffer || buffer.length < 5 || buffer[0] !== 0) {
        throw new AmtsboteError('AMTSBOTE_NOT_WIRE_FORMAT', 'record value is not in the Confluent wire format');
      }
      const type = types[buffer.readInt32BE(1) - 1];
      if (!type) throw new AmtsboteError('AMTSBOTE_UNKNOWN_SCHEMA', `schema id ${buffer.readInt32BE(1)} is unknown to the registry`);
      return type.fromBuffer(buffer.subarray(5)) as T;
    },
    setCompatibility: async () => {},
    ping: async () => true,
  };
  return codec;
}
