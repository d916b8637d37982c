import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { AMTSBOTE_XOEV_NAMESPACE, deriveMessageId, deriveObjectId } from './message-ids.js';

const eventId = '0b6f1f64-8d0c-4f0e-9f57-6c1c2a0f3d21';

describe('deriveMessageId', () => {
  it('derives the same id for the same event, standard and message type, as a retry or replay needs', () => {
    expect(deriveMessageId(eventId, 'xdomea', 'Geschaeftsgang.Geschaeftsgang.0201')).toBe(
      deriveMessageId(eventId, 'xdomea', 'Geschaeftsgang.Geschaeftsgang.0201'),
    );
  });

  it('pins the derivation, because back offices have already stored ids derived with it', () => {
    expect(AMTSBOTE_XOEV_NAMESPACE).toBe('d4818f1c-395e-4ddb-a921-ff160a4eb862');
    expect(deriveMessageId(eventId, 'xdomea', 'Geschaeftsgang.Geschaeftsgang.0201')).toBe(
      'a0f3a0b4-67d9-5164-ac42-32c4a8f2198d',
    );
  });

  it('returns a version 5 UUID', () => {
    const id = deriveMessageId(eventId, 'xdomea', 'Geschaeftsgang.Geschaeftsgang.0201');
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(5);
  });

  it('treats an event id in upper case as the same event', () => {
    expect(deriveMessageId(eventId.toUpperCase(), 'xbau', 'baugenehmigung.antrag.0200')).toBe(
      deriveMessageId(eventId, 'xbau', 'baugenehmigung.antrag.0200'),
    );
  });

  it.each([
    ['another event', ['1b6f1f64-8d0c-4f0e-9f57-6c1c2a0f3d21', 'xdomea', '0201']],
    ['another standard', [eventId, 'xbau', '0201']],
    ['another message type', [eventId, 'xdomea', '0202']],
    ['the same characters split differently', [eventId, 'xdomea/0', '201']],
  ] as const)('derives a different id for %s', (_name, [event, standard, type]) => {
    expect(deriveMessageId(event, standard, type)).not.toBe(deriveMessageId(eventId, 'xdomea', '0201'));
  });
});

describe('deriveObjectId', () => {
  const messageId = deriveMessageId(eventId, 'xdomea', 'Geschaeftsgang.Geschaeftsgang.0201');

  it('derives stable, distinct version 5 UUIDs per name within one message', () => {
    const antrag = deriveObjectId(messageId, 'dokument/antrag');
    expect(deriveObjectId(messageId, 'dokument/antrag')).toBe(antrag);
    expect(deriveObjectId(messageId, 'dokument/anlage/1')).not.toBe(antrag);
    expect(version(antrag)).toBe(5);
  });

  it('derives different ids for the same name in different messages', () => {
    const other = deriveMessageId(eventId, 'xdomea', 'Geschaeftsgang.GeaendertenLaufwegMitteilen.0203');
    expect(deriveObjectId(other, 'dokument/antrag')).not.toBe(deriveObjectId(messageId, 'dokument/antrag'));
  });

  it('never collides with a message id', () => {
    expect(deriveObjectId(eventId, 'xdomea')).not.toBe(deriveMessageId(eventId, 'xdomea', ''));
  });
});
