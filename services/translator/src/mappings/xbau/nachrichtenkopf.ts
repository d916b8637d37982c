import { toXsdDateTime, XoevError, type XoevCode } from '@amtsbote/xoev';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { CodeListOf, MappingContext } from '../registry.js';
import { kanal, verzeichnisdienstDvdv } from './xbau-code-lists.js';
import { hasText, type XbauWriter } from './xbau-writer.js';

type Authority = MappingContext['sender'];

/**
 * Writes `nachrichtenkopf.g2g` (XBau's restriction of the unqualified basisnachricht g2g 1.1): the
 * message id, type and creation time, then reader (the recipient) and author (the sender), each
 * with the DVDV as directory and "prefix:identifier" as Behördenkennung, as the header's
 * documentation and the official rules sch-xbau-001/002 ask.
 */
export function writeNachrichtenkopf(w: XbauWriter, root: XMLBuilder, nachrichtentyp: XoevCode, context: MappingContext): void {
  const kopf = w.u(root, 'nachrichtenkopf.g2g');
  const identifikation = w.u(kopf, 'identifikation.nachricht');
  w.value(w.u(identifikation, 'nachrichtenUUID'), context.messageId.toLowerCase());
  w.code(identifikation, 'u', 'nachrichtentyp', nachrichtentyp);
  w.value(w.u(identifikation, 'erstellungszeitpunkt'), toXsdDateTime(context.createdAt, 'context.createdAt'));
  writeBehoerde(w, context.codeList, w.u(kopf, 'leser'), context.recipient, 'context.recipient');
  writeBehoerde(w, context.codeList, w.u(kopf, 'autor'), context.sender, 'context.sender');
}

function writeBehoerde(w: XbauWriter, codeList: CodeListOf, behoerde: XMLBuilder, authority: Authority, field: string): void {
  const prefix = authority.dvdv.prefix.trim();
  const id = authority.dvdv.id.trim();
  if (prefix === '' || id === '') {
    throw new XoevError('XOEV_INVALID_VALUE', `${field}.dvdv needs a prefix and an identifier`, { field: `${field}.dvdv` });
  }
  w.code(behoerde, 'u', 'verzeichnisdienst', verzeichnisdienstDvdv(codeList));
  w.text(w.u(behoerde, 'kennung'), `${prefix}:${id}`, `${field}.dvdv`);
  w.text(w.u(behoerde, 'name'), authority.name, `${field}.name`);
  if (hasText(authority.email)) {
    const erreichbarkeit = w.u(behoerde, 'erreichbarkeit');
    w.code(erreichbarkeit, 'u', 'kanal', kanal(codeList, 'email'));
    w.text(w.u(erreichbarkeit, 'kennung'), authority.email, `${field}.email`);
  }
}
