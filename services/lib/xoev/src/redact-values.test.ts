import { describe, expect, it } from 'vitest';
import { redactValues } from './redact-values.js';

describe('redactValues', () => {
  it.each([
    [
      "Element '{urn:x}ProzessID': [facet 'pattern'] The value 'Jürgen' is not accepted by the pattern '[0-9]{8}'.",
      "Element '{urn:x}ProzessID': [facet 'pattern'] The value '[redacted]' is not accepted by the pattern '[0-9]{8}'.",
    ],
    [
      "Element '{urn:x}T': 'gestern' is not a valid value of the atomic type 'xs:dateTime'.",
      "Element '{urn:x}T': '[redacted]' is not a valid value of the atomic type 'xs:dateTime'.",
    ],
    [
      "Element 'code': [facet 'enumeration'] The value '0999' is not an element of the set {'0201', '0202'}.",
      "Element 'code': [facet 'enumeration'] The value '[redacted]' is not an element of the set {'0201', '0202'}.",
    ],
    [
      "Element '{urn:x}N': [facet 'maxLength'] The value 'Weiß' has a length of '4'; this exceeds the allowed maximum length of '2'.",
      "Element '{urn:x}N': [facet 'maxLength'] The value '[redacted]' has a length of '4'; this exceeds the allowed maximum length of '2'.",
    ],
    [
      "Element '{urn:x}A', attribute 'listURI': 'urn:falsch' is not a valid value of the atomic type 'xs:anyURI'.",
      "Element '{urn:x}A', attribute 'listURI': '[redacted]' is not a valid value of the atomic type 'xs:anyURI'.",
    ],
    [
      "Element '{urn:x}K': Duplicate key-sequence ['Weiß'] in unique identity-constraint '{urn:x}u'.",
      "Element '{urn:x}K': Duplicate key-sequence ['[redacted]'] in unique identity-constraint '{urn:x}u'.",
    ],
  ])('cuts the instance value out of %j', (message, expected) => {
    expect(redactValues(message)).toBe(expected);
  });

  it('cuts out a value that contains quotes and the phrase that follows values', () => {
    const message =
      "Element '{urn:x}T': [facet 'pattern'] The value 'a' is not accepted by the pattern 'Jürgen' is not accepted by the pattern '[0-9]'.";
    expect(redactValues(message)).toBe("Element '{urn:x}T': [facet 'pattern'] The value '[redacted]' is not accepted by the pattern '[0-9]'.");
  });

  it('leaves messages without instance values alone', () => {
    const message = "Element '{urn:x}Kopf': This element is not expected. Expected is ( {urn:x}ProzessID ).";
    expect(redactValues(message)).toBe(message);
  });
});
