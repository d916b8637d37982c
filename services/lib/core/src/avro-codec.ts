import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { avroOptions, type Contract } from '@amtsbote/schemas';
import { AmtsboteError } from './errors.js';

/** Encodes and decodes records in the Confluent wire format against a Confluent-compatible registry. */
export interface AvroCodec {
  /** Registers the contract's schema (idempotent) and remembers its id for `encode`. */
  register(contract: Contract): Promise<number>;
  encode<T>(contract: Contract, value: T): Promise<Buffer>;
  /** Decodes any record in the wire format; the writer's schema is fetched by id and cached. */
  decode<T>(buffer: Buffer | null): Promise<T>;
  /** Sets a subject's compatibility level, e.g. BACKWARD_TRANSITIVE. */
  setCompatibility(subject: string, level: keyof typeof COMPATIBILITY): Promise<void>;
  /** Answers true when the registry answers at all; used by readiness checks. */
  ping(): Promise<boolean>;
}

const MAGIC_BYTE = 0;

function registryStatusOf(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Creates the codec for a registry URL such as `http://127.0.0.1:8081/apis/ccompat/v7`. */
export function createAvroCodec(options: { url: string }): AvroCodec {
  const registry = new SchemaRegistry({ host: options.url, retry: { retries: 2 } }, {
    [SchemaType.AVRO]: avroOptions,
  });
  const ids = new Map<string, number>();

  function unavailable(err: unknown): AmtsboteError {
    return new AmtsboteError('AMTSBOTE_REGISTRY_UNAVAILABLE', 'schema registry unavailable', {
      retriable: true,
      cause: err,
    });
  }

  return {
    async register(contract) {
      try {
        const { id } = await registry.register(
          { type: SchemaType.AVRO, schema: JSON.stringify(contract.schema) },
          // The client refuses to register unless the subject's level is this one: BACKWARD_TRANSITIVE, always.
          { subject: contract.subject, compatibility: COMPATIBILITY.BACKWARD_TRANSITIVE },
        );
        ids.set(contract.subject, id);
        return id;
      } catch (err) {
        const status = registryStatusOf(err);
        // The client's error classes are not exported; its name is stable.
        if ((err as Error | null)?.name === 'ConfluentSchemaRegistryCompatibilityError') {
          throw new AmtsboteError('AMTSBOTE_CONFIG_INVALID', `subject ${contract.subject} is not BACKWARD_TRANSITIVE in the registry`, { cause: err });
        }
        if (status === 409 || status === 422) {
          throw new AmtsboteError(
            'AMTSBOTE_CONFIG_INVALID',
            `schema ${contract.file} is incompatible with subject ${contract.subject} in the registry`,
            { cause: err },
          );
        }
        throw unavailable(err);
      }
    },

    async encode(contract, value) {
      const id = ids.get(contract.subject) ?? (await this.register(contract));
      return registry.encode(id, value);
    },

    async decode<T>(buffer: Buffer | null): Promise<T> {
      if (!buffer || buffer.length < 5 || buffer[0] !== MAGIC_BYTE) {
        throw new AmtsboteError('AMTSBOTE_NOT_WIRE_FORMAT', 'record value is not in the Confluent wire format');
      }
      const schemaId = buffer.readInt32BE(1);
      try {
        await registry.getSchema(schemaId);
      } catch (err) {
        const status = registryStatusOf(err);
        if (status === 404) {
          throw new AmtsboteError('AMTSBOTE_UNKNOWN_SCHEMA', `schema id ${schemaId} is unknown to the registry`, {
            cause: err,
          });
        }
        throw unavailable(err);
      }
      try {
        return (await registry.decode(buffer)) as T;
      } catch (err) {
        throw new AmtsboteError('AMTSBOTE_UNDECODABLE', `record body does not match schema id ${schemaId}`, {
          cause: err,
        });
      }
    },

    async setCompatibility(subject, level) {
      const response = await fetch(`${options.url.replace(/\/$/, '')}/config/${encodeURIComponent(subject)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ compatibility: level }),
      });
      if (!response.ok) throw unavailable(new Error(`PUT /config/${subject}: HTTP ${response.status}`));
    },

    async ping() {
      try {
        const response = await fetch(`${options.url.replace(/\/$/, '')}/subjects`, { signal: AbortSignal.timeout(2_000) });
        return response.ok;
      } catch {
        return false;
      }
    },
  };
}
